package dev.mallkit.host.error;

/**
 * Every error code the host itself reports, each with its {@link ErrorType}. The code on the wire is the constant's
 * name unless stated: a plugin's own codes travel as text ({@link HostError#ofPlugin}).
 */
public enum ErrorCode {
    BAD_REQUEST(ErrorType.INVALID_INPUT),
    MALFORMED_JSON(ErrorType.INVALID_INPUT),
    FIELD_REQUIRED(ErrorType.INVALID_INPUT),
    FIELD_INVALID(ErrorType.INVALID_INPUT),
    UNKNOWN_FIELD(ErrorType.INVALID_INPUT),
    CONFIG_INVALID(ErrorType.INVALID_INPUT),
    CURRENCY_MISMATCH(ErrorType.INVALID_INPUT),
    MEMBER_MISMATCH(ErrorType.INVALID_INPUT),
    PACKAGE_REQUIRED(ErrorType.INVALID_INPUT),

    UNAUTHENTICATED(ErrorType.UNAUTHENTICATED),
    FORBIDDEN(ErrorType.FORBIDDEN),
    NOT_FOUND(ErrorType.NOT_FOUND),
    PLUGIN_NOT_FOUND(ErrorType.NOT_FOUND),
    METHOD_NOT_ALLOWED(ErrorType.METHOD_NOT_ALLOWED),

    ALREADY_EXISTS(ErrorType.CONFLICT),
    STORE_EXISTS(ErrorType.CONFLICT),
    IDEMPOTENCY_MISMATCH(ErrorType.CONFLICT),
    ALREADY_PAID(ErrorType.CONFLICT),
    ORDER_NOT_PAID(ErrorType.CONFLICT),
    REFUND_EXCEEDS_PAID(ErrorType.CONFLICT),
    INSUFFICIENT_POINTS(ErrorType.CONFLICT),
    NO_MEMBERSHIP_PROGRAM(ErrorType.CONFLICT),
    SLOT_TAKEN(ErrorType.CONFLICT),
    DEPENDENCY_MISSING(ErrorType.CONFLICT),
    DEPENDENCY_REQUIRED(ErrorType.CONFLICT),
    PLUGIN_YANKED(ErrorType.CONFLICT),
    /** A merchant enables a version this host could not load. */
    PLUGIN_NOT_LOADED("PLUGIN_UNAVAILABLE", ErrorType.CONFLICT),
    PLUGIN_ID_CLAIMED(ErrorType.CONFLICT),
    VERSION_EXISTS(ErrorType.CONFLICT),
    VERSION_IN_USE(ErrorType.CONFLICT),
    SUBMISSION_NOT_PENDING(ErrorType.CONFLICT),
    ALREADY_YANKED(ErrorType.CONFLICT),
    ALREADY_UNINSTALLED(ErrorType.CONFLICT),
    ARTIFACT_MODIFIED(ErrorType.CONFLICT),

    BODY_TOO_LARGE(ErrorType.TOO_LARGE),
    PROVIDER_QUOTA_EXCEEDED(ErrorType.TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(ErrorType.UNSUPPORTED_MEDIA_TYPE),
    RATE_LIMITED(ErrorType.RATE_LIMITED),

    PLUGIN_DECISION_INVALID(ErrorType.PLUGIN_FAILED),
    COMMISSION_PLAN_REFUSED(ErrorType.PLUGIN_FAILED),
    /** A plugin call was refused by its guard (time budget, bulkhead, open breaker). */
    PLUGIN_UNAVAILABLE(ErrorType.UNAVAILABLE),
    REVIEW_QUEUE_FULL(ErrorType.UNAVAILABLE),
    /** Still conflicting after the transaction's own retries: nothing was written, the request may be sent again. */
    DATABASE_BUSY(ErrorType.UNAVAILABLE),

    INTERNAL(ErrorType.INTERNAL);

    private final String wire;
    private final ErrorType type;

    ErrorCode(ErrorType type) {
        this.wire = name();
        this.type = type;
    }

    ErrorCode(String wire, ErrorType type) {
        this.wire = wire;
        this.type = type;
    }

    /** @return the code as callers see it in the error body */
    public String wire() {
        return wire;
    }

    /** @return what kind of failure it is */
    public ErrorType type() {
        return type;
    }
}
