package dev.mallkit.marketplace.finding;

import static java.util.Objects.requireNonNull;

/**
 * One result of one review check.
 *
 * @param check    the check that produced it, e.g. {@code archive}, {@code forbidden}
 * @param code     an UPPER_SNAKE code, stable across releases, e.g. {@code ARCHIVE_PATH_TRAVERSAL}
 * @param severity whether it blocks approval
 * @param message  a human sentence
 * @param location where: an entry name, a {@code class#method}, a JSON path; empty when global
 */
public record Finding(String check, String code, Severity severity, String message, String location) {
    public Finding {
        requireNonNull(check, "check is null");
        requireNonNull(code, "code is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(message, "message is null");
        requireNonNull(location, "location is null");
        if (!code.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("code must be UPPER_SNAKE: " + code);
        }
    }

    /** @return a blocking finding */
    public static Finding blocking(String check, String code, String message, String location) {
        return new Finding(check, code, Severity.BLOCKING, message, location);
    }

    /** @return an advisory finding */
    public static Finding advisory(String check, String code, String message, String location) {
        return new Finding(check, code, Severity.ADVISORY, message, location);
    }

    /** @return whether this finding blocks approval */
    public boolean isBlocking() {
        return severity == Severity.BLOCKING;
    }
}
