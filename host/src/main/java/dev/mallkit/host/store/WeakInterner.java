package dev.mallkit.host.store;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Shares one instance among equal immutable values held by resident snapshots: merchants apply one feature mix
 * to many stores, and each resolved store would otherwise hold its own deep copy of an equal parsed config
 * ({@link dev.mallkit.api.PluginConfig}, equal by its decrypted JSON values, key order aside) or of its text and
 * number leaves. Entries are weak (an interned value lives exactly as long as some snapshot holds it), and the
 * table stops growing at {@code capacity} live values so that a host of all-distinct configurations pays a
 * bounded overhead; beyond it values are simply not shared.
 *
 * @param <T> an immutable type with value equality
 */
final class WeakInterner<T> {
    // WeakHashMap: the key is the canonical value itself, held weakly; the value must not hold it strongly
    private final Map<T, WeakReference<T>> table = new WeakHashMap<>();
    private final int capacity;

    WeakInterner(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0: " + capacity);
        }
        this.capacity = capacity;
    }

    /** @return the live value equal to {@code value}, or {@code value} itself, recorded if there is room */
    synchronized T intern(T value) {
        requireNonNull(value, "value is null");
        WeakReference<T> ref = table.get(value);
        T shared = ref == null ? null : ref.get();
        if (shared != null) {
            return shared;
        }
        if (table.size() < capacity) {
            table.put(value, new WeakReference<>(value));
        }
        return value;
    }

    /** @return how many values are currently shared (expunges collected ones first) */
    synchronized int size() {
        return table.size();
    }
}
