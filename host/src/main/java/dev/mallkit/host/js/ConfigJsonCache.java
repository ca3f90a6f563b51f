package dev.mallkit.host.js;

import dev.mallkit.api.PluginConfig;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * The JSON text of recently used configs, by identity. A {@link PluginConfig} is immutable and a store's
 * snapshot hands the same instance to every call, so its text is written once instead of per call.
 * Direct-mapped: a slot holds the last config hashed to it, so a miss costs one write and the cache never
 * grows; identity (not {@code equals}) keeps the lookup free of hashing the config's maps.
 */
final class ConfigJsonCache {

    private record Entry(PluginConfig config, String json) {
    }

    private final AtomicReferenceArray<Entry> slots;

    /** @param size the number of slots, a power of two */
    ConfigJsonCache(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two");
        }
        this.slots = new AtomicReferenceArray<>(size);
    }

    /** @return the JSON text of {@code config}, written by {@code writer} when not cached */
    String json(PluginConfig config, Function<PluginConfig, String> writer) {
        int slot = System.identityHashCode(config) & (slots.length() - 1);
        Entry entry = slots.getPlain(slot);
        if (entry != null && entry.config() == config) {
            return entry.json();
        }
        String json = writer.apply(config);
        // a plain write: Entry's fields are final, so a racing reader sees it whole or not at all
        slots.setPlain(slot, new Entry(config, json));
        return json;
    }
}
