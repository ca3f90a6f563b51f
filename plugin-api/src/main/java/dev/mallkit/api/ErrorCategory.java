package dev.mallkit.api;

/**
 * The category of a {@link PluginException}. The host maps it to an HTTP status and decides
 * whether the failure counts against the plugin's circuit breaker.
 */
public enum ErrorCategory {
    /** The input or configuration is wrong; the caller must change it (HTTP 4xx, breaker untouched). */
    USER_ERROR,
    /** A bug or broken invariant inside the plugin (HTTP 5xx, counts against the breaker). */
    INTERNAL_ERROR,
    /** A limit was hit: time, memory, statements, quota (HTTP 503, counts against the breaker). */
    INSUFFICIENT_RESOURCES,
    /** Something outside the plugin failed (HTTP 502, counts against the breaker). */
    EXTERNAL
}
