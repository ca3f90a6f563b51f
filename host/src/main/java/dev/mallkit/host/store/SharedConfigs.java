package dev.mallkit.host.store;

import dev.mallkit.api.PluginConfig;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One resident {@link PluginConfig} per distinct configuration value: merchants apply one feature mix to many
 * stores, and each resolved store would otherwise hold its own deep copy. Weak (a config lives exactly as long as
 * some snapshot holds it) and bounded at {@code capacity} live configs, beyond which configs are not shared.
 *
 * <p>Lookups hash and compare the candidate's plain values, never the resident config's maps: hashing a
 * {@code LinkedHashMap} makes it cache an entry-set view, 24 bytes per map kept for the life of the snapshot.
 */
final class SharedConfigs {
    private final Map<Integer, Ref> table = new HashMap<>();
    private final ReferenceQueue<PluginConfig> collected = new ReferenceQueue<>();
    private final int capacity;
    private int size;

    /** A weak entry, chained with the others of its hash. */
    private static final class Ref extends WeakReference<PluginConfig> {
        final int hash;
        Ref next;

        Ref(PluginConfig config, int hash, Ref next, ReferenceQueue<PluginConfig> queue) {
            super(config, queue);
            this.hash = hash;
            this.next = next;
        }
    }

    SharedConfigs(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * @param values parsed JSON object whose leaves are already of the types {@link PluginConfig} keeps (Long, not Integer)
     * @return the live config equal to {@code values}, or a new one, recorded if there is room
     */
    synchronized PluginConfig of(Map<String, Object> values) {
        requireNonNull(values, "values is null");
        expunge();
        int hash = values.hashCode();
        Ref head = table.get(hash);
        for (Ref ref = head; ref != null; ref = ref.next) {
            PluginConfig live = ref.get();
            if (live != null && values.equals(live.asMap())) {
                return live;
            }
        }
        PluginConfig made = PluginConfig.of(values);
        if (size < capacity) {
            table.put(hash, new Ref(made, hash, head, collected));
            size++;
        }
        return made;
    }

    /** @return how many configs are currently shared (after dropping collected ones) */
    synchronized int size() {
        expunge();
        return size;
    }

    private void expunge() {
        for (Ref dead; (dead = (Ref) collected.poll()) != null; ) {
            Ref head = table.get(dead.hash);
            if (head == dead) {
                if (dead.next == null) {
                    table.remove(dead.hash);
                } else {
                    table.put(dead.hash, dead.next);
                }
            } else {
                for (Ref ref = head; ref != null; ref = ref.next) {
                    if (ref.next == dead) {
                        ref.next = dead.next;
                        break;
                    }
                }
            }
            size--;
        }
    }
}
