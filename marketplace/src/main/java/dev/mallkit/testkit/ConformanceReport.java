package dev.mallkit.testkit;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a conformance run found.
 *
 * @param extensionPoints the extension points the instance was checked as
 * @param calls           how many extension calls were made
 * @param violations      the broken invariants; empty when the instance conforms
 */
public record ConformanceReport(List<String> extensionPoints, int calls, List<Violation> violations) {
    public ConformanceReport {
        extensionPoints = List.copyOf(requireNonNull(extensionPoints, "extensionPoints is null"));
        violations = List.copyOf(requireNonNull(violations, "violations is null"));
    }

    /** @return whether every invariant held */
    public boolean passed() {
        return violations.isEmpty();
    }

    /** @throws AssertionError listing every violation, for use in a provider's own tests */
    public void assertPassed() {
        if (!passed()) {
            StringBuilder message = new StringBuilder("conformance failed with " + violations.size() + " violation(s):");
            violations.forEach(v -> message.append("\n  ").append(v));
            throw new AssertionError(message.toString());
        }
    }
}
