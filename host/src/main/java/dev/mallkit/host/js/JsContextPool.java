package dev.mallkit.host.js;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The sandboxes of one plugin version for one store: warm calls take an idle sandbox instead of creating a context.
 * A sandbox serves one call at a time; one that failed inside the guest, or allocated more than the per-sandbox
 * bound over its life, is closed, never reused. Idle sandboxes are bounded per pool and across the engine.
 */
final class JsContextPool implements AutoCloseable {

    private final JsEngine engine;
    private final Supplier<JsSandbox> fresh;
    private final ConcurrentLinkedDeque<JsSandbox> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    /** @param fresh makes a sandbox no other store has used */
    JsContextPool(JsEngine engine, Supplier<JsSandbox> fresh) {
        this.engine = requireNonNull(engine, "engine is null");
        this.fresh = requireNonNull(fresh, "fresh is null");
    }

    /**
     * Calls {@code function} with {@code args} in an idle or new sandbox.
     *
     * @return the result's JSON text, or null when the module does not export the function
     */
    String call(String function, JsArgs args) {
        if (closed) {
            throw new IllegalStateException("the plugin has been closed");
        }
        JsSandbox sandbox = acquire();
        try {
            return sandbox.call(function, args);
        } finally {
            release(sandbox);
        }
    }

    private JsSandbox acquire() {
        JsSandbox sandbox = idle.pollFirst();
        if (sandbox == null) {
            return fresh.get();
        }
        releaseSlot();
        return sandbox;
    }

    private void release(JsSandbox sandbox) {
        if (sandbox.broken() || sandbox.spent() || closed || !reserveIdleSlot()) {
            sandbox.close();
            return;
        }
        idle.offerFirst(sandbox);
        if (closed) {
            drain();
        }
    }

    private boolean reserveIdleSlot() {
        int max = engine.limits().maxIdle();
        if (idleCount.getAndUpdate(n -> n < max ? n + 1 : n) >= max) {
            return false;
        }
        if (!engine.reserveIdleSlot()) {
            idleCount.decrementAndGet();
            return false;
        }
        return true;
    }

    private void releaseSlot() {
        idleCount.decrementAndGet();
        engine.releaseIdleSlot();
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        for (JsSandbox sandbox; (sandbox = idle.pollFirst()) != null; ) {
            releaseSlot();
            sandbox.close();
        }
    }
}
