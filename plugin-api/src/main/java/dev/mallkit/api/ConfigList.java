package dev.mallkit.api;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.UnaryOperator;

/**
 * An immutable JSON array of a {@link PluginConfig}: one array, no wrapper. Behaves as
 * {@code Collections.unmodifiableList(new ArrayList<>(...))} did (the {@link List} contract's equality and hash
 * code, null elements, every mutator throws); {@link #subList} is an equal immutable copy rather than a view,
 * which no caller can tell apart since neither can change.
 */
final class ConfigList extends ReadOnlyCollection<Object> implements List<Object>, RandomAccess {
    static final ConfigList EMPTY = new ConfigList(new Object[0]);

    private final Object[] elements;

    private ConfigList(Object[] elements) {
        this.elements = elements;
    }

    /** @return an immutable copy whose elements are {@link ConfigValues#copy copied} */
    static ConfigList copyOf(List<?> list) {
        if (list instanceof ConfigList config) {
            return config;
        }
        Object[] copies = list.toArray();
        if (copies.getClass() != Object[].class) {
            // a list may answer a narrower array type (String[]), which could not hold the copies (Integer -> Long)
            copies = Arrays.copyOf(copies, copies.length, Object[].class);
        }
        if (copies.length == 0) {
            return EMPTY;
        }
        for (int i = 0; i < copies.length; i++) {
            copies[i] = ConfigValues.copy(copies[i]);
        }
        return new ConfigList(copies);
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    public Object get(int index) {
        Objects.checkIndex(index, elements.length);
        return elements[index];
    }

    @Override
    public int indexOf(Object o) {
        for (int i = 0; i < elements.length; i++) {
            if (Objects.equals(o, elements[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        for (int i = elements.length - 1; i >= 0; i--) {
            if (Objects.equals(o, elements[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    @Override
    public Object[] toArray() {
        return Arrays.copyOf(elements, elements.length, Object[].class);
    }

    @Override
    public Iterator<Object> iterator() {
        return listIterator(0);
    }

    @Override
    public ListIterator<Object> listIterator() {
        return listIterator(0);
    }

    @Override
    public ListIterator<Object> listIterator(int index) {
        Objects.checkIndex(index, elements.length + 1);
        return ConfigValues.iterator(elements, index);
    }

    @Override
    public List<Object> subList(int from, int to) {
        Objects.checkFromToIndex(from, to, elements.length);
        return from == to ? EMPTY : from == 0 && to == elements.length ? this : new ConfigList(Arrays.copyOfRange(elements, from, to));
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (other instanceof ConfigList list) {
            return Arrays.equals(elements, list.elements);
        }
        if (!(other instanceof List<?> list)) {
            return false;
        }
        Iterator<?> them = list.iterator();
        for (Object element : elements) {
            if (!them.hasNext() || !Objects.equals(element, them.next())) {
                return false;
            }
        }
        return !them.hasNext();
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(elements);
    }

    // every mutator throws, as Collections.unmodifiableList's do, even when it would change nothing

    @Override
    public Object set(int index, Object element) {
        throw immutable();
    }

    @Override
    public void add(int index, Object element) {
        throw immutable();
    }

    @Override
    public Object remove(int index) {
        throw immutable();
    }

    @Override
    public boolean addAll(int index, Collection<?> c) {
        throw immutable();
    }

    @Override
    public void replaceAll(UnaryOperator<Object> operator) {
        throw immutable();
    }

    @Override
    public void sort(Comparator<? super Object> c) {
        throw immutable();
    }
}
