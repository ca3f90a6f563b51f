package dev.mallkit.host.store;

import dev.mallkit.api.PluginConfig;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Shares one parsed {@link PluginConfig} between every snapshot whose configuration is equal: merchants apply
 * one feature mix to many stores, and each resolved store would otherwise hold its own deep copy. Entries are
 * weak (an interned config lives exactly as long as some snapshot holds it), and the table stops growing at
 * {@code capacity} live configurations so that a host of all-distinct configurations pays a bounded overhead;
 * beyond it configs are simply not shared.
 *
 * <p>Equality is {@link PluginConfig#equals}, i.e. of the decrypted JSON values (key order aside, which carries
 * no meaning in a JSON object).
 */
final class ConfigInterner {
    // WeakHashMap: the key is the canonical config itself, held weakly; the value must not hold it strongly
    private final Map<PluginConfig, WeakReference<PluginConfig>> table = new WeakHashMap<>();
    private final int capacity;

    ConfigInterner(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0: " + capacity);
        }
        this.capacity = capacity;
    }

    /** @return the live config equal to {@code config}, or {@code config} itself, recorded if there is room */
    synchronized PluginConfig intern(PluginConfig config) {
        requireNonNull(config, "config is null");
        WeakReference<PluginConfig> ref = table.get(config);
        PluginConfig shared = ref == null ? null : ref.get();
        if (shared != null) {
            return shared;
        }
        if (table.size() < capacity) {
            table.put(config, new WeakReference<>(config));
        }
        return config;
    }

    /** @return how many configurations are currently shared (expunges collected ones first) */
    synchronized int size() {
        return table.size();
    }
}
