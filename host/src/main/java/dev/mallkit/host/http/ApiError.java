package dev.mallkit.host.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import static java.util.Objects.requireNonNull;

/**
 * An error the API reports to its caller: an HTTP status, an UPPER_SNAKE code, a human sentence and
 * optional details. Rendered as {@code {"error":{"code","message","details"}}} by {@link ErrorHandler}.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient JsonArray details;

    public ApiError(int status, String code, String message) {
        this(status, code, message, new JsonArray());
    }

    public ApiError(int status, String code, String message, JsonArray details) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.status = status;
        this.code = requireNonNull(code, "code is null");
        this.details = requireNonNull(details, "details is null");
    }

    public static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, "NOT_FOUND", what + " was not found");
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "FORBIDDEN", message);
    }

    public static ApiError conflict(String code, String message) {
        return new ApiError(409, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public JsonArray details() {
        return details;
    }

    /** @return the error body */
    public JsonObject body() {
        return new JsonObject().put("error", new JsonObject()
                .put("code", code)
                .put("message", getMessage())
                .put("details", details));
    }
}
