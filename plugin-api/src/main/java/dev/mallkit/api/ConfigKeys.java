package dev.mallkit.api;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The ordered, distinct keys of a {@link ConfigMap}, shared by every map with the same keys in the same order:
 * the configurations of one plugin follow its schema, so thousands of stores' configs hold one key array
 * per object shape and only their values are their own. Maps of up to {@value #SCANNED} keys are searched
 * by a scan; larger ones through an open-addressing index built once per shape.
 */
final class ConfigKeys {
    static final ConfigKeys NONE = new ConfigKeys(new String[0]);
    /** Live shapes shared at most; beyond, new shapes are used unshared (weak: a shape lives as long as its maps). */
    static final int CAPACITY = 16_384;
    private static final int SCANNED = 8;
    private static final Map<ConfigKeys, WeakReference<ConfigKeys>> SHARED = new WeakHashMap<>();

    private final String[] keys;
    private final int[] index;
    private final int hash;

    private ConfigKeys(String[] keys) {
        this.keys = keys;
        this.hash = Arrays.hashCode(keys);
        this.index = keys.length > SCANNED ? index(keys) : null;
    }

    /** @return the shared shape of these distinct keys (the array is kept: the caller must not change it) */
    static ConfigKeys of(String[] keys) {
        if (keys.length == 0) {
            return NONE;
        }
        ConfigKeys made = new ConfigKeys(keys);
        synchronized (SHARED) {
            WeakReference<ConfigKeys> ref = SHARED.get(made);
            ConfigKeys live = ref == null ? null : ref.get();
            if (live != null) {
                return live;
            }
            if (SHARED.size() < CAPACITY) {
                SHARED.put(made, new WeakReference<>(made));
            }
        }
        return made;
    }

    /** @return how many shapes are shared now (for tests) */
    static int sharedCount() {
        synchronized (SHARED) {
            return SHARED.size();
        }
    }

    int size() {
        return keys.length;
    }

    String key(int i) {
        return keys[i];
    }

    /** @return the position of {@code key}, or -1 */
    int indexOf(Object key) {
        if (index == null) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
        if (!(key instanceof String)) {
            return -1;
        }
        int mask = index.length - 1;
        for (int slot = spread(key.hashCode()) & mask; index[slot] != 0; slot = (slot + 1) & mask) {
            int i = index[slot] - 1;
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static int[] index(String[] keys) {
        int[] index = new int[Integer.highestOneBit(keys.length * 2 - 1) << 1];
        int mask = index.length - 1;
        for (int i = 0; i < keys.length; i++) {
            int slot = spread(keys[i].hashCode()) & mask;
            while (index[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            index[slot] = i + 1;
        }
        return index;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigKeys shape && shape.hash == hash && Arrays.equals(shape.keys, keys);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
