package dev.mallkit.host.store;

import java.util.concurrent.Callable;

/** Runs one extension call under the (plugin version × store) guard: time budget, bulkhead, breaker. */
@FunctionalInterface
public interface ExtensionGuard {
    <R> R call(String pluginId, String version, String storeId, Callable<R> work);
}
