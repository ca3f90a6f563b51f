package dev.mallkit.marketplace.forbidden;

import dev.mallkit.marketplace.bytecode.Reference;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * An API a Java plugin may not use.
 *
 * @param code    the finding code, e.g. {@code FORBIDDEN_EXIT}
 * @param owners  internal names of the classes concerned
 * @param members member names concerned; empty means any use of the classes at all
 * @param reason  why it is forbidden, for the report
 */
public record ForbiddenRule(String code, Set<String> owners, Set<String> members, String reason) {
    public ForbiddenRule {
        requireNonNull(code, "code is null");
        owners = Set.copyOf(requireNonNull(owners, "owners is null"));
        members = Set.copyOf(requireNonNull(members, "members is null"));
        requireNonNull(reason, "reason is null");
    }

    /** @return whether {@code reference} breaks this rule */
    public boolean matches(Reference reference) {
        if (!owners.contains(reference.owner())) {
            return false;
        }
        return members.isEmpty() || reference.kind() != Reference.Kind.CLASS && members.contains(reference.name());
    }
}
