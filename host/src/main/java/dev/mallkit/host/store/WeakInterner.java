package dev.mallkit.host.store;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Shares one instance among equal immutable values held by resident snapshots: merchants apply one feature mix
 * to many stores, and each resolved store would otherwise hold its own copy of an equal parsed config
 * ({@link dev.mallkit.api.PluginConfig}, equal by its decrypted JSON values, key order aside) or of its text and
 * number leaves. Entries are weak (an interned value lives exactly as long as some snapshot holds it), and the
 * table holds at most {@code capacity} live values so that a host of all-distinct configurations pays a bounded
 * overhead.
 *
 * <p>When the table is full, the values it never handed out a second time are dropped from it (they stay with
 * their holders): otherwise a host's first stores' one-off texts would fill it for good and every later store
 * would copy even the leaves all stores share. Such sweeps run at most once per {@code capacity / 4} values
 * refused, so their cost stays constant per call however shared the values are.
 *
 * @param <T> an immutable type with value equality
 */
final class WeakInterner<T> {
    // WeakHashMap: the key is the canonical value itself, held weakly; the value must not hold it strongly
    private final Map<T, Ref<T>> table = new WeakHashMap<>();
    private final int capacity;
    private int untilSweep;

    /** The canonical value, weakly, and whether it was ever handed out again. */
    private static final class Ref<T> extends WeakReference<T> {
        boolean shared;

        Ref(T value) {
            super(value);
        }
    }

    WeakInterner(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0: " + capacity);
        }
        this.capacity = capacity;
    }

    /** @return the live value equal to {@code value}, or {@code value} itself, recorded if there is room */
    synchronized T intern(T value) {
        requireNonNull(value, "value is null");
        Ref<T> ref = table.get(value);
        T live = ref == null ? null : ref.get();
        if (live != null) {
            ref.shared = true;
            return live;
        }
        if (table.size() >= capacity && untilSweep-- <= 0) {
            table.values().removeIf(r -> !r.shared);
            untilSweep = capacity / 4;
        }
        if (table.size() < capacity) {
            table.put(value, new Ref<>(value));
        }
        return value;
    }

    /** @return how many values are currently shared (expunges collected ones first) */
    synchronized int size() {
        return table.size();
    }
}
