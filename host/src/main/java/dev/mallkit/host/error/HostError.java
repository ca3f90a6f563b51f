package dev.mallkit.host.error;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import static java.util.Objects.requireNonNull;

/**
 * The host's one error type: a code (the host's {@link ErrorCode}, or a plugin's own code), its {@link ErrorType},
 * a human sentence and optional details (the paths or items concerned). Thrown from any layer; the HTTP layer renders
 * it as {@code {"error":{"code","message","details"}}} with the status its type maps to. Code that reacts to an error
 * asks {@link #is(ErrorCode)}, never compares text.
 */
public final class HostError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final String code;
    private final ErrorType type;
    private final transient JsonArray details;

    public HostError(ErrorCode code, String message) {
        this(code, message, new JsonArray());
    }

    public HostError(ErrorCode code, String message, JsonArray details) {
        this(requireNonNull(code, "code is null"), code.wire(), code.type(), message, details);
    }

    private HostError(ErrorCode errorCode, String code, ErrorType type, String message, JsonArray details) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.errorCode = errorCode;
        this.code = requireNonNull(code, "code is null");
        this.type = requireNonNull(type, "type is null");
        this.details = requireNonNull(details, "details is null");
    }

    /** @return a {@code NOT_FOUND} error for {@code what}, e.g. {@code "store 's1'"} */
    public static HostError notFound(String what) {
        return new HostError(ErrorCode.NOT_FOUND, what + " was not found");
    }

    /** @return an error carrying a plugin's own code, e.g. a {@code USER_ERROR} refusal of a redemption */
    public static HostError ofPlugin(String code, ErrorType type, String message) {
        return new HostError(null, code, type, message, new JsonArray());
    }

    /** @return this error with {@code prefix} before its message and {@code detail} added, e.g. which store of a batch */
    public HostError within(String prefix, JsonObject detail) {
        return new HostError(errorCode, code, type, prefix + getMessage(), details.copy().add(detail));
    }

    /** @return whether this is the host's {@code code} */
    public boolean is(ErrorCode code) {
        return errorCode == code;
    }

    /** @return the code as callers see it */
    public String code() {
        return code;
    }

    /** @return what kind of failure it is */
    public ErrorType type() {
        return type;
    }

    /** @return the details, possibly empty */
    public JsonArray details() {
        return details;
    }

    /** @return the error body of the contract */
    public JsonObject body() {
        return new JsonObject().put("error", new JsonObject().put("code", code).put("message", getMessage()).put("details", details));
    }
}
