package dev.mallkit.host.kernel;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.Slot;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The extension points a host runs: the specs its modules declared, by descriptor name. Immutable. */
public final class ExtensionPoints {
    private final Map<String, ExtensionPointSpec<?>> byName;

    private ExtensionPoints(Map<String, ExtensionPointSpec<?>> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** @return the points of {@code specs}; two specs of one name are refused */
    public static ExtensionPoints of(List<ExtensionPointSpec<?>> specs) {
        Map<String, ExtensionPointSpec<?>> byName = new LinkedHashMap<>();
        for (ExtensionPointSpec<?> spec : specs) {
            requireNonNull(spec.slot(), "slot");
            if (byName.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("extension point " + spec.name() + " is declared twice");
            }
        }
        return new ExtensionPoints(byName);
    }

    /**
     * Rebuilds points from {@link #specClassNames()}, in a review process that has the host's classes.
     *
     * @throws IllegalArgumentException when a name is not a spec with a public no-argument constructor
     */
    public static ExtensionPoints fromClassNames(List<String> names) {
        return of(names.stream().<ExtensionPointSpec<?>>map(ExtensionPoints::instantiate).toList());
    }

    private static ExtensionPointSpec<?> instantiate(String className) {
        try {
            return (ExtensionPointSpec<?>) Class.forName(className).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new IllegalArgumentException("not an extension point spec: " + className + ": " + cause, cause);
        }
    }

    /** @return the spec named {@code name} in a descriptor, if this host runs that point */
    public Optional<ExtensionPointSpec<?>> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return the interface named {@code name}, if this host runs that point */
    public Optional<Class<? extends MallkitExtension>> type(String name) {
        return named(name).map(ExtensionPointSpec::type);
    }

    /** @return whether a store may run at most one plugin for the point named {@code name} */
    public boolean exclusive(String name) {
        return named(name).map(spec -> spec.slot() == Slot.Kind.EXCLUSIVE).orElse(false);
    }

    /** @return every point's interface by descriptor name */
    public Map<String, Class<? extends MallkitExtension>> types() {
        Map<String, Class<? extends MallkitExtension>> types = new LinkedHashMap<>();
        byName.forEach((name, spec) -> types.put(name, spec.type()));
        return types;
    }

    /** @return the specs' class names, for {@link #fromClassNames} */
    public List<String> specClassNames() {
        return byName.values().stream().map(spec -> spec.getClass().getName()).toList();
    }
}
