package dev.mallkit.host.js;

import dev.mallkit.api.PluginConfig;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * The JSON text of recently used configs, by identity. A {@link PluginConfig} is immutable and a store's
 * snapshot hands the same instance to every call, so its text is written once instead of per call.
 * Direct-mapped: a slot holds the last config hashed to it, so a miss costs one write and the cache never
 * grows; identity (not {@code equals}) keeps the lookup free of hashing the config's maps.
 *
 * <p>Each text written gets an id no other text ever has (a counter shared by every cache), so a sandbox can keep
 * what it parsed from a text under its id and parse it once, not per call.
 */
final class ConfigJsonCache {

    private static final AtomicLong IDS = new AtomicLong();

    /** A config's JSON text and the id that names this text alone. */
    record ConfigText(long id, String json) {
    }

    private record Entry(PluginConfig config, ConfigText text) {
    }

    private final AtomicReferenceArray<Entry> slots;

    /** @param size the number of slots, a power of two */
    ConfigJsonCache(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two");
        }
        this.slots = new AtomicReferenceArray<>(size);
    }

    /** @return the JSON text of {@code config} and its id, written by {@code writer} when not cached */
    ConfigText text(PluginConfig config, Function<PluginConfig, String> writer) {
        int slot = System.identityHashCode(config) & (slots.length() - 1);
        Entry entry = slots.getPlain(slot);
        if (entry != null && entry.config() == config) {
            return entry.text();
        }
        ConfigText text = new ConfigText(IDS.incrementAndGet(), writer.apply(config));
        // a plain write: Entry's fields are final, so a racing reader sees it whole or not at all
        slots.setPlain(slot, new Entry(config, text));
        return text;
    }
}
