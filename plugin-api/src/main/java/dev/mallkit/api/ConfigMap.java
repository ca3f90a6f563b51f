package dev.mallkit.api;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An immutable, insertion-ordered JSON object of a {@link PluginConfig}: a shared {@link ConfigKeys} shape and
 * this object's values. Behaves as {@code Collections.unmodifiableMap(new LinkedHashMap<>(...))} did (equality
 * and hash code of the {@link Map} contract, iteration order, null values, {@code get(null)} answers null,
 * every mutator throws) at a fraction of its memory: no entry objects, no table, no cached views.
 */
final class ConfigMap implements Map<String, Object> {
    static final ConfigMap EMPTY = new ConfigMap(ConfigKeys.NONE, new Object[0]);

    private final ConfigKeys keys;
    private final Object[] values;
    // cached like String's (0: not yet computed); fits in the object's alignment padding
    private int hash;

    private ConfigMap(ConfigKeys keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** @return an immutable copy whose keys are {@code String.valueOf} the originals and whose values are {@link ConfigValues#copy copied} */
    static ConfigMap copyOf(Map<?, ?> map) {
        if (map instanceof ConfigMap config) {
            return config;
        }
        String[] names = new String[map.size()];
        Object[] copies = new Object[names.length];
        int n = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (n == names.length) {
                names = Arrays.copyOf(names, n * 2 + 1);
                copies = Arrays.copyOf(copies, names.length);
            }
            names[n] = String.valueOf(entry.getKey());
            copies[n++] = ConfigValues.copy(entry.getValue());
        }
        n = dropRepeatedKeys(names, copies, n);
        if (n == 0) {
            return EMPTY;
        }
        return new ConfigMap(ConfigKeys.of(n == names.length ? names : Arrays.copyOf(names, n)),
                n == copies.length ? copies : Arrays.copyOf(copies, n));
    }

    /**
     * Keys that were distinct objects may print alike (1 and "1"): as a LinkedHashMap filled in this order, keep the
     * first position and the last value.
     * @return the number of distinct keys, now at the front of both arrays
     */
    private static int dropRepeatedKeys(String[] names, Object[] copies, int n) {
        Map<String, Integer> seen = n > 8 ? new HashMap<>(n * 2) : null;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int earlier = -1;
            if (seen != null) {
                Integer at = seen.putIfAbsent(names[i], kept);
                earlier = at == null ? -1 : at;
            } else {
                for (int j = 0; j < kept && earlier < 0; j++) {
                    earlier = names[j].equals(names[i]) ? j : -1;
                }
            }
            if (earlier >= 0) {
                copies[earlier] = copies[i];
            } else {
                names[kept] = names[i];
                copies[kept++] = copies[i];
            }
        }
        return kept;
    }

    /** @return this map's shape, shared with the maps of the same keys */
    ConfigKeys keys() {
        return keys;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isEmpty() {
        return values.length == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return keys.indexOf(key) >= 0;
    }

    @Override
    public boolean containsValue(Object value) {
        for (Object v : values) {
            if (Objects.equals(v, value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object get(Object key) {
        int i = keys.indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Object getOrDefault(Object key, Object fallback) {
        int i = keys.indexOf(key);
        return i < 0 ? fallback : values[i];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        Objects.requireNonNull(action, "action is null");
        for (int i = 0; i < values.length; i++) {
            action.accept(keys.key(i), values[i]);
        }
    }

    @Override
    public Set<String> keySet() {
        return new View<>() {
            @Override
            String at(int i) {
                return keys.key(i);
            }

            @Override
            public boolean contains(Object o) {
                return containsKey(o);
            }
        };
    }

    @Override
    public Collection<Object> values() {
        return new ReadOnlyCollection<>() {
            @Override
            public Iterator<Object> iterator() {
                return ConfigValues.iterator(values, 0);
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new View<>() {
            @Override
            Map.Entry<String, Object> at(int i) {
                return new AbstractMap.SimpleImmutableEntry<>(keys.key(i), values[i]);
            }

            @Override
            public boolean contains(Object o) {
                if (!(o instanceof Map.Entry<?, ?> entry)) {
                    return false;
                }
                int i = keys.indexOf(entry.getKey());
                return i >= 0 && Objects.equals(values[i], entry.getValue());
            }
        };
    }

    /** A set view over positions 0..size-1. */
    private abstract class View<E> extends ReadOnlyCollection.ReadOnlySet<E> {
        abstract E at(int i);

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public Iterator<E> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < values.length;
                }

                @Override
                public E next() {
                    if (next >= values.length) {
                        throw new NoSuchElementException();
                    }
                    return at(next++);
                }
            };
        }
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (other instanceof ConfigMap config) {
            if (config.keys == keys) {
                return (hash == 0 || config.hash == 0 || hash == config.hash) && Arrays.equals(values, config.values);
            }
        } else if (!(other instanceof Map<?, ?>)) {
            return false;
        }
        Map<?, ?> map = (Map<?, ?>) other;
        if (map.size() != values.length) {
            return false;
        }
        try {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                String key = keys.key(i);
                if (value == null ? map.get(key) != null || !map.containsKey(key) : !value.equals(map.get(key))) {
                    return false;
                }
            }
            return true;
        } catch (ClassCastException | NullPointerException unlike) {
            return false;
        }
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            for (int i = 0; i < values.length; i++) {
                h += keys.key(i).hashCode() ^ Objects.hashCode(values[i]);
            }
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ", ").append(keys.key(i)).append('=').append(values[i]);
        }
        return out.append('}').toString();
    }

    // every mutator throws, as Collections.unmodifiableMap's do, even when it would change nothing

    @Override
    public Object put(String key, Object value) {
        throw ReadOnlyCollection.immutable();
    }

    @Override
    public Object remove(Object key) {
        throw ReadOnlyCollection.immutable();
    }

    @Override
    public void putAll(Map<? extends String, ?> map) {
        throw ReadOnlyCollection.immutable();
    }

    @Override
    public void clear() {
        throw ReadOnlyCollection.immutable();
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        throw ReadOnlyCollection.immutable();
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        throw ReadOnlyCollection.immutable();
    }

    @Override
    public boolean remove(Object key, Object value) {
        throw ReadOnlyCollection.immutable();
    }

    @Override
    public boolean replace(String key, Object oldValue, Object newValue) {
        throw ReadOnlyCollection.immutable();
    }

    @Override
    public Object replace(String key, Object value) {
        throw ReadOnlyCollection.immutable();
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> function) {
        throw ReadOnlyCollection.immutable();
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> function) {
        throw ReadOnlyCollection.immutable();
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> function) {
        throw ReadOnlyCollection.immutable();
    }

    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> function) {
        throw ReadOnlyCollection.immutable();
    }
}
