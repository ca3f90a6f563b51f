package dev.mallkit.host.http;

import dev.mallkit.api.PluginException;
import dev.mallkit.host.db.Dialect;
import dev.mallkit.host.guard.PluginUnavailableException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.sql.SQLException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into the contract's error body. Internal errors are logged with an id, never leaked. */
public final class ErrorHandler {
    static final String DATABASE_BUSY = "DATABASE_BUSY";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    private ErrorHandler() {
    }

    /** Handles a failed routing context. */
    public static void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        send(ctx, toApiError(ctx));
    }

    /** Writes {@code error} as the response. */
    public static void send(RoutingContext ctx, ApiError error) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        if (error.code().equals(DATABASE_BUSY)) {
            response.putHeader("Retry-After", "1");
        }
        Responses.jsonText(ctx, error.status(), error.body().encode());
    }

    static ApiError toApiError(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiError error) {
            return error;
        }
        if (failure != null && failure.getCause() instanceof ApiError error) {
            return error;
        }
        if (failure instanceof PluginUnavailableException unavailable) {
            return new ApiError(503, "PLUGIN_UNAVAILABLE", "plugin " + unavailable.key().pluginId() + " "
                    + unavailable.key().version() + " is unavailable for this store (" + unavailable.reason().name().toLowerCase() + ")");
        }
        if (failure instanceof PluginException plugin) {
            return switch (plugin.category()) {
                case USER_ERROR -> ApiError.badRequest(plugin.code(), truncate(plugin.getMessage()));
                case INSUFFICIENT_RESOURCES -> new ApiError(503, plugin.code(), truncate(plugin.getMessage()));
                case EXTERNAL -> new ApiError(502, plugin.code(), truncate(plugin.getMessage()));
                case INTERNAL_ERROR -> internal(ctx, failure);
            };
        }
        if (transientDatabaseConflict(failure)) {
            // still conflicting after the transaction's own retries (a lock held long under load): nothing was
            // written, the client may send the same request again
            return new ApiError(503, DATABASE_BUSY, "the database is busy; send the request again");
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        return switch (status) {
            case 400 -> ApiError.badRequest("BAD_REQUEST", "the request is malformed");
            case 401 -> new ApiError(401, "UNAUTHENTICATED", "a valid bearer token is required");
            case 403 -> ApiError.forbidden("this role may not do that");
            case 404 -> new ApiError(404, "NOT_FOUND", "no route matches " + ctx.request().method() + " " + ctx.request().path());
            case 405 -> new ApiError(405, "METHOD_NOT_ALLOWED", ctx.request().method() + " is not allowed on " + ctx.request().path());
            case 413 -> new ApiError(413, "BODY_TOO_LARGE", "the request body exceeds the limit");
            case 415 -> new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "the body must be application/json");
            default -> internal(ctx, failure);
        };
    }

    private static boolean transientDatabaseConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Dialect.isTransient(sql);
            }
        }
        return false;
    }

    private static String truncate(String message) {
        return message.length() > 500 ? message.substring(0, 500) + "…" : message;
    }

    private static ApiError internal(RoutingContext ctx, Throwable failure) {
        String incident = UUID.randomUUID().toString();
        LOG.error("internal error {} on {} {}", incident, ctx.request().method(), ctx.request().path(), failure);
        return new ApiError(500, "INTERNAL", "an internal error occurred; incident " + incident);
    }
}
