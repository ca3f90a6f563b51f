package dev.mallkit.api;

import java.util.Optional;

/**
 * A small key-value store scoped to (plugin, store), for hints and caches a plugin keeps between
 * calls. It is not a ledger: money, points and bindings belong in the decisions the host records.
 * Keys are at most 128 characters and values at most 4096; a store holds at most 1000 keys.
 * Writes exceeding these limits throw {@link PluginException} with {@link ErrorCategory#INSUFFICIENT_RESOURCES}.
 */
public interface PluginStore {
    /** @return the value at {@code key}, if any */
    Optional<String> get(String key);

    /** Sets {@code key} to {@code value}, replacing any previous value. */
    void put(String key, String value);

    /** Removes {@code key}; no effect when absent. */
    void remove(String key);
}
