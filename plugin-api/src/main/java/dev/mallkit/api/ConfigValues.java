package dev.mallkit.api;

import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.NoSuchElementException;

/** Copies parsed JSON into the immutable values a {@link PluginConfig} holds, and iterates their arrays. */
final class ConfigValues {
    private ConfigValues() {
    }

    /**
     * @return {@code value} as a config holds it: objects and arrays as immutable deep copies (already immutable
     * ones as they are), smaller integers as {@code Long}, {@code Float} as {@code Double}, other leaves as given
     */
    static Object copy(Object value) {
        return switch (value) {
            case Map<?, ?> map -> ConfigMap.copyOf(map);
            case List<?> list -> ConfigList.copyOf(list);
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Float f -> f.doubleValue();
            case null, default -> value;
        };
    }

    /** @return a read-only iterator over {@code elements}, starting at {@code start} */
    static <E> ListIterator<E> iterator(Object[] elements, int start) {
        return new ListIterator<>() {
            private int next = start;

            @Override
            public boolean hasNext() {
                return next < elements.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public E next() {
                if (next >= elements.length) {
                    throw new NoSuchElementException();
                }
                return (E) elements[next++];
            }

            @Override
            public boolean hasPrevious() {
                return next > 0;
            }

            @Override
            @SuppressWarnings("unchecked")
            public E previous() {
                if (next <= 0) {
                    throw new NoSuchElementException();
                }
                return (E) elements[--next];
            }

            @Override
            public int nextIndex() {
                return next;
            }

            @Override
            public int previousIndex() {
                return next - 1;
            }

            @Override
            public void remove() {
                throw ReadOnlyCollection.immutable();
            }

            @Override
            public void set(E e) {
                throw ReadOnlyCollection.immutable();
            }

            @Override
            public void add(E e) {
                throw ReadOnlyCollection.immutable();
            }
        };
    }
}
