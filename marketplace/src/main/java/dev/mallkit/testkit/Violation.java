package dev.mallkit.testkit;

import static java.util.Objects.requireNonNull;

/**
 * One broken conformance invariant.
 *
 * @param extensionPoint the extension point's simple name, e.g. {@code DistributionScheme}
 * @param code           the invariant, UPPER_SNAKE, e.g. {@code COMMISSION_ABOVE_ORDER}
 * @param message        what was called with what, and what came back
 */
public record Violation(String extensionPoint, String code, String message) {
    public Violation {
        requireNonNull(extensionPoint, "extensionPoint is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return extensionPoint + " " + code + ": " + message;
    }
}
