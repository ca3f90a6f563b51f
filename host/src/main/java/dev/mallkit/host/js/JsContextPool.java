package dev.mallkit.host.js;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.graalvm.polyglot.Source;

/**
 * The sandboxes of one plugin version. The module's {@link Source} is built once, so the shared
 * engine parses it once; warm calls take an idle sandbox instead of creating a context. A sandbox
 * serves one call at a time, and one that failed inside the guest is closed, never reused.
 */
final class JsContextPool implements AutoCloseable {

    private final JsEngine engine;
    private final Source module;
    private final ConcurrentLinkedDeque<JsSandbox> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicLong created = new AtomicLong();
    private volatile boolean closed;

    JsContextPool(JsEngine engine, Source module) {
        this.engine = requireNonNull(engine, "engine is null");
        this.module = requireNonNull(module, "module is null");
    }

    /**
     * Creates the first sandbox now, so a broken package fails at load rather than at first call.
     *
     * @return the names among {@code required} the module does not export as functions
     */
    List<String> warmUp(List<String> required) {
        JsSandbox sandbox = newSandbox();
        try {
            return required.stream().filter(name -> !sandbox.exportsFunction(name)).toList();
        } finally {
            release(sandbox);
        }
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

    /** @return how many contexts this pool has created */
    long created() {
        return created.get();
    }

    private JsSandbox acquire() {
        JsSandbox sandbox = idle.pollFirst();
        if (sandbox == null) {
            return newSandbox();
        }
        idleCount.decrementAndGet();
        return sandbox;
    }

    private JsSandbox newSandbox() {
        created.incrementAndGet();
        return JsSandbox.create(engine, module);
    }

    private void release(JsSandbox sandbox) {
        if (sandbox.broken() || closed || !reserveIdleSlot()) {
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
        return idleCount.getAndUpdate(n -> n < max ? n + 1 : n) < max;
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        for (JsSandbox sandbox; (sandbox = idle.pollFirst()) != null; ) {
            idleCount.decrementAndGet();
            sandbox.close();
        }
    }
}
