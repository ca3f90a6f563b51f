package dev.mallkit.api;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A collection every mutator of which throws, whether or not the call would change anything, as
 * {@code Collections.unmodifiableCollection} does (AbstractCollection only throws once an element is found).
 * Holds no state, so that the config views extending it cost nothing beyond their own fields.
 */
abstract class ReadOnlyCollection<E> extends AbstractCollection<E> {
    static UnsupportedOperationException immutable() {
        return new UnsupportedOperationException("configuration values are immutable");
    }

    @Override
    public final boolean add(E e) {
        throw immutable();
    }

    @Override
    public final boolean addAll(Collection<? extends E> c) {
        throw immutable();
    }

    @Override
    public final boolean remove(Object o) {
        throw immutable();
    }

    @Override
    public final boolean removeAll(Collection<?> c) {
        throw immutable();
    }

    @Override
    public final boolean removeIf(Predicate<? super E> filter) {
        throw immutable();
    }

    @Override
    public final boolean retainAll(Collection<?> c) {
        throw immutable();
    }

    @Override
    public final void clear() {
        throw immutable();
    }

    /** A read-only set view with the {@link Set} contract's equality. */
    abstract static class ReadOnlySet<E> extends ReadOnlyCollection<E> implements Set<E> {
        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            if (!(other instanceof Set<?> set) || set.size() != size()) {
                return false;
            }
            try {
                return containsAll(set);
            } catch (ClassCastException | NullPointerException unlike) {
                return false;
            }
        }

        @Override
        public int hashCode() {
            int hash = 0;
            for (E e : this) {
                hash += e == null ? 0 : e.hashCode();
            }
            return hash;
        }
    }
}
