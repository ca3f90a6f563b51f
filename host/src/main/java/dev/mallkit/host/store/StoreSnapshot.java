package dev.mallkit.host.store;

import dev.mallkit.api.MallkitExtension;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resolved, immutable feature mix of one store: for each extension point, the bound extensions in
 * the store's order. Rebuilt when the mix changes, never mutated.
 */
public record StoreSnapshot(String storeId, Map<Class<?>, List<Bound<?>>> byPoint) {
    public StoreSnapshot {
        byPoint = Map.copyOf(byPoint);
    }

    /** @return the extension serving an exclusive point, if the store runs one */
    @SuppressWarnings("unchecked")
    public <T extends MallkitExtension> Optional<Bound<T>> exclusive(Class<T> point) {
        List<Bound<?>> bound = byPoint.getOrDefault(point, List.of());
        return bound.isEmpty() ? Optional.empty() : Optional.of((Bound<T>) bound.getFirst());
    }

    /** @return every extension serving an additive point, in the store's order */
    @SuppressWarnings("unchecked")
    public <T extends MallkitExtension> List<Bound<T>> additive(Class<T> point) {
        return (List<Bound<T>>) (List<?>) byPoint.getOrDefault(point, List.of());
    }
}
