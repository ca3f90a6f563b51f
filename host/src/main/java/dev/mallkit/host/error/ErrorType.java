package dev.mallkit.host.error;

/**
 * What kind of failure an error is, whatever its code. Only the HTTP layer turns a type into a status
 * ({@code http.ErrorHandler}); domain code states what went wrong, never how it is transported.
 */
public enum ErrorType {
    /** The request is malformed or names values the contract refuses. */
    INVALID_INPUT,
    /** No valid credentials came with the request. */
    UNAUTHENTICATED,
    /** The caller may not do this. */
    FORBIDDEN,
    /** What the request names does not exist (for this caller). */
    NOT_FOUND,
    /** The route exists, not with this method. */
    METHOD_NOT_ALLOWED,
    /** The request is valid but the current state refuses it. */
    CONFLICT,
    /** A body or a quota is larger than allowed. */
    TOO_LARGE,
    /** The body is not in a media type the route reads. */
    UNSUPPORTED_MEDIA_TYPE,
    /** The caller sent more than its share; it may retry later. */
    RATE_LIMITED,
    /** A plugin answered, but with something the host cannot record. */
    PLUGIN_FAILED,
    /** Something the request needs is busy or down for now; the same request may succeed later. */
    UNAVAILABLE,
    /** A fault of the host; logged with an incident id, never leaked. */
    INTERNAL
}
