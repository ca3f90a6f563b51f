package dev.mallkit.host.js;

import java.util.List;

/**
 * Where one plugin version's module runs, a set of sandboxes per store: in this JVM ({@link JsSandboxes}, for review
 * processes, workers and tests) or in worker processes with a heap of their own ({@link JsWorkerSandboxes}, the host's
 * production path). Either way a store's calls never run where another store's have.
 */
public interface JsRunner extends AutoCloseable {

    /**
     * Evaluates the module once, so a broken package fails at load rather than at a store's first call.
     *
     * @return the names among {@code required} the module does not export as functions
     * @throws JsPackageException when the module does not evaluate
     */
    List<String> warmUp(List<String> required);

    /**
     * Calls {@code function} in a sandbox of {@code storeId}, or in a sandbox of its own when {@code storeId} is null.
     *
     * @return the result's JSON text, or null when the module does not export the function
     */
    String call(String storeId, String function, JsArgs args);

    /** @return how many sandboxes (contexts, or module loads into a worker) this version has created */
    long created();

    @Override
    void close();
}
