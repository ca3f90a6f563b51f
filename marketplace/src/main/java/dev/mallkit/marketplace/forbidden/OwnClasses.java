package dev.mallkit.marketplace.forbidden;

import dev.mallkit.marketplace.bytecode.Reference;
import dev.mallkit.marketplace.bytecode.Reference.Kind;
import dev.mallkit.marketplace.bytecode.Reference.Use;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The classes a plugin declares, their supertypes and members, read back from its references. Only
 * classes outside {@link PlatformTables#RESERVED} count as the plugin's own: a class the plugin
 * ships as {@code java.lang.X} or {@code org.pf4j.X} would be loaded from the host instead.
 */
final class OwnClasses {
    private final Map<String, List<String>> supertypes = new HashMap<>();
    private final Set<String> members = new HashSet<>();
    private final Set<String> reserved = new java.util.TreeSet<>();

    OwnClasses(List<Reference> references) {
        for (Reference reference : references) {
            if (PlatformTables.RESERVED.stream().anyMatch(reference.fromClass()::startsWith)) {
                reserved.add(reference.fromClass());
                continue;
            }
            List<String> supers = supertypes.computeIfAbsent(reference.fromClass(), c -> new ArrayList<>());
            if (reference.use() == Use.SUPERTYPE) {
                supers.add(reference.owner());
            } else if (reference.use() == Use.DECLARATION || reference.use() == Use.NATIVE_DECLARATION) {
                members.add(key(reference.owner(), reference.kind(), reference.name(), reference.descriptor()));
            }
        }
    }

    /** @return the classes the plugin declares inside {@link PlatformTables#RESERVED}, sorted */
    Set<String> reservedDeclarations() {
        return reserved;
    }

    boolean contains(String internalName) {
        return supertypes.containsKey(internalName);
    }

    /**
     * @return the classes outside the plugin that a member use on one of its own classes resolves
     *         to: empty when the class or an own ancestor declares the member, else every foreign
     *         supertype it inherits through (the JDK class that really declares it is among them)
     */
    List<String> foreignDeclarers(Reference use) {
        List<String> foreign = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(use.owner()));
        while (!pending.isEmpty()) {
            String type = pending.removeFirst();
            if (!seen.add(type)) {
                continue;
            }
            if (!contains(type)) {
                foreign.add(type);
            } else if (members.contains(key(type, use.kind(), use.name(), use.descriptor()))) {
                return List.of();
            } else {
                pending.addAll(supertypes.get(type));
            }
        }
        return foreign;
    }

    private static String key(String owner, Kind kind, String name, String descriptor) {
        // fields resolve by name alone; methods by name and descriptor
        return owner + (kind == Kind.FIELD ? "." + name : "." + name + descriptor);
    }
}
