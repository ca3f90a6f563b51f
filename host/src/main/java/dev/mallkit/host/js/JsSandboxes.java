package dev.mallkit.host.js;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Source;

/**
 * The sandboxes of one plugin version, kept apart per store: a store's calls run only in sandboxes no other store's
 * call has run in, so module state, realms, prototypes and finalisation callbacks never cross from one store to
 * another. A call without a store (a config's {@code validate} or {@code limits} at enable time) runs in a sandbox
 * of its own, closed after it. The module's {@link Source} is built once, so the shared engine parses it once.
 *
 * <p>The sandbox that checked the module at load has run no call: the first store to call takes it, so a version's
 * first store pays no second context.
 */
final class JsSandboxes implements JsRunner {

    private final JsEngine engine;
    private final Source module;
    private final ConcurrentHashMap<String, JsContextPool> stores = new ConcurrentHashMap<>();
    /** A sandbox whose module is evaluated and that has served no call, or null. */
    private final AtomicReference<JsSandbox> pristine = new AtomicReference<>();
    private final AtomicLong created = new AtomicLong();
    private volatile boolean closed;

    JsSandboxes(JsEngine engine, Source module) {
        this.engine = requireNonNull(engine, "engine is null");
        this.module = requireNonNull(module, "module is null");
    }

    /**
     * Creates the first sandbox now, so a broken package fails at load rather than at first call, and keeps it for
     * the first store that calls.
     *
     * @return the names among {@code required} the module does not export as functions
     */
    @Override
    public List<String> warmUp(List<String> required) {
        JsSandbox sandbox = newSandbox();
        List<String> missing = required.stream().filter(name -> !sandbox.exportsFunction(name)).toList();
        if (closed || !pristine.compareAndSet(null, sandbox)) {
            sandbox.close();
        }
        return missing;
    }

    /**
     * Calls {@code function} in a sandbox of {@code storeId}, or in a sandbox of its own when {@code storeId} is null.
     *
     * @return the result's JSON text, or null when the module does not export the function
     */
    @Override
    public String call(String storeId, String function, JsArgs args) {
        if (closed) {
            throw new IllegalStateException("the plugin has been closed");
        }
        if (storeId == null) {
            try (JsSandbox alone = fresh()) {
                return alone.call(function, args);
            }
        }
        return stores.computeIfAbsent(storeId, store -> new JsContextPool(engine, this::fresh)).call(function, args);
    }

    /** @return how many contexts this version has created */
    @Override
    public long created() {
        return created.get();
    }

    private JsSandbox fresh() {
        JsSandbox unused = pristine.getAndSet(null);
        return unused != null ? unused : newSandbox();
    }

    private JsSandbox newSandbox() {
        created.incrementAndGet();
        return JsSandbox.create(engine, module);
    }

    @Override
    public void close() {
        closed = true;
        stores.values().forEach(JsContextPool::close);
        JsSandbox unused = pristine.getAndSet(null);
        if (unused != null) {
            unused.close();
        }
    }
}
