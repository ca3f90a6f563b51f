package dev.mallkit.marketplace.forbidden;

import dev.mallkit.marketplace.bytecode.Reference;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * A verdict on some members of a JDK type, more specific than the verdict on the type: the few
 * safe members of a dangerous type, or the dangerous members of a safe one.
 *
 * @param owner      an internal type name, or a package prefix ending in {@code /} covering its subpackages
 * @param name       which member names
 * @param descriptor which member descriptors
 * @param verdict    empty: allowed; else the surface it reaches
 */
record MemberRule(String owner, Predicate<String> name, Predicate<String> descriptor, Optional<Surface> verdict) {
    MemberRule {
        requireNonNull(owner, "owner is null");
        requireNonNull(name, "name is null");
        requireNonNull(descriptor, "descriptor is null");
        requireNonNull(verdict, "verdict is null");
    }

    static MemberRule allow(String owner, String... names) {
        return new MemberRule(owner, Set.of(names)::contains, d -> true, Optional.empty());
    }

    static MemberRule deny(String owner, Surface surface, String... names) {
        return new MemberRule(owner, Set.of(names)::contains, d -> true, Optional.of(surface));
    }

    /** Every member of {@code owner} not matched by an earlier rule. */
    static MemberRule denyRest(String owner, Surface surface) {
        return new MemberRule(owner, n -> true, d -> true, Optional.of(surface));
    }

    boolean matches(Reference reference) {
        boolean ownerMatches = owner.endsWith("/") ? reference.owner().startsWith(owner) : reference.owner().equals(owner);
        return ownerMatches && name.test(reference.name()) && descriptor.test(reference.descriptor());
    }
}
