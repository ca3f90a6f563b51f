package dev.mallkit.host.http;

import dev.mallkit.api.PluginException;
import dev.mallkit.host.db.Dialect;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.ErrorType;
import dev.mallkit.host.error.HostError;
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
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    private ErrorHandler() {
    }

    /** Handles a failed routing context. */
    public static void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        send(ctx, toHostError(ctx));
    }

    /** Writes {@code error} as the response. */
    public static void send(RoutingContext ctx, HostError error) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        if (error.is(ErrorCode.DATABASE_BUSY)) {
            response.putHeader("Retry-After", "1");
        }
        Responses.jsonText(ctx, status(error.type()), error.body().encode());
    }

    /** @return the HTTP status of an error of {@code type}: the one place a kind of failure becomes a status */
    public static int status(ErrorType type) {
        return switch (type) {
            case INVALID_INPUT -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case RATE_LIMITED -> 429;
            case INTERNAL -> 500;
            case PLUGIN_FAILED -> 502;
            case UNAVAILABLE -> 503;
        };
    }

    static HostError toHostError(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof HostError error) {
            return error;
        }
        if (failure != null && failure.getCause() instanceof HostError error) {
            return error;
        }
        if (failure instanceof PluginUnavailableException unavailable) {
            return new HostError(ErrorCode.PLUGIN_UNAVAILABLE, "plugin " + unavailable.key().pluginId() + " "
                    + unavailable.key().version() + " is unavailable for this store (" + unavailable.reason().name().toLowerCase() + ")");
        }
        if (failure instanceof PluginException plugin) {
            return switch (plugin.category()) {
                case USER_ERROR -> HostError.ofPlugin(plugin.code(), ErrorType.INVALID_INPUT, truncate(plugin.getMessage()));
                case INSUFFICIENT_RESOURCES -> HostError.ofPlugin(plugin.code(), ErrorType.UNAVAILABLE, truncate(plugin.getMessage()));
                case EXTERNAL -> HostError.ofPlugin(plugin.code(), ErrorType.PLUGIN_FAILED, truncate(plugin.getMessage()));
                case INTERNAL_ERROR -> internal(ctx, failure);
            };
        }
        if (transientDatabaseConflict(failure)) {
            // still conflicting after the transaction's own retries (a lock held long under load): nothing was
            // written, the client may send the same request again
            return new HostError(ErrorCode.DATABASE_BUSY, "the database is busy; send the request again");
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        return switch (status) {
            case 400 -> new HostError(ErrorCode.BAD_REQUEST, "the request is malformed");
            case 401 -> new HostError(ErrorCode.UNAUTHENTICATED, "a valid bearer token is required");
            case 403 -> new HostError(ErrorCode.FORBIDDEN, "this role may not do that");
            case 404 -> new HostError(ErrorCode.NOT_FOUND, "no route matches " + ctx.request().method() + " " + ctx.request().path());
            case 405 -> new HostError(ErrorCode.METHOD_NOT_ALLOWED, ctx.request().method() + " is not allowed on " + ctx.request().path());
            case 413 -> new HostError(ErrorCode.BODY_TOO_LARGE, "the request body exceeds the limit");
            case 415 -> new HostError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json");
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

    private static HostError internal(RoutingContext ctx, Throwable failure) {
        String incident = UUID.randomUUID().toString();
        LOG.error("internal error {} on {} {}", incident, ctx.request().method(), ctx.request().path(), failure);
        return new HostError(ErrorCode.INTERNAL, "an internal error occurred; incident " + incident);
    }
}
