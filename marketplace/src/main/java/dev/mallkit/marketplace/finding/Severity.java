package dev.mallkit.marketplace.finding;

/** How a review finding weighs on the submission. */
public enum Severity {
    /** The submission cannot be approved while this finding stands. */
    BLOCKING,
    /** Shown to the admin and the provider; approval is still possible. */
    ADVISORY
}
