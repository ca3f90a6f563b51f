package dev.mallkit.marketplace.forbidden;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A value per JDK type, found by the most specific entry: the type itself (or, for a nested type,
 * its nearest enclosing type), then its package ({@code a/b/}), then the nearest enclosing package
 * entry that covers subpackages ({@code a/b/**}).
 */
final class TypeTable<V> {
    private final Map<String, V> types = new HashMap<>();
    private final Map<String, V> packages = new HashMap<>();
    private final Map<String, V> trees = new HashMap<>();

    /** @param pattern {@code a/b/C}, {@code a/b/} or {@code a/b/**} */
    TypeTable<V> put(String pattern, V value) {
        if (pattern.endsWith("/**")) {
            trees.put(pattern.substring(0, pattern.length() - 2), value);
        } else if (pattern.endsWith("/")) {
            packages.put(pattern, value);
        } else {
            types.put(pattern, value);
        }
        return this;
    }

    Optional<V> lookup(String internalName) {
        for (String type = internalName; ; type = type.substring(0, type.lastIndexOf('$'))) {
            V value = types.get(type);
            if (value != null) {
                return Optional.of(value);
            }
            if (type.lastIndexOf('$') <= type.lastIndexOf('/')) {
                break;
            }
        }
        String pkg = internalName.substring(0, internalName.lastIndexOf('/') + 1);
        V value = packages.get(pkg);
        if (value != null) {
            return Optional.of(value);
        }
        for (String prefix = pkg; !prefix.isEmpty(); prefix = prefix.substring(0, prefix.lastIndexOf('/', prefix.length() - 2) + 1)) {
            value = trees.get(prefix);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
