package dev.mallkit.host.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON responses. */
public final class Responses {
    private Responses() {
    }

    /** Ends the response with {@code status} and the JSON encoding of {@code body}. */
    public static void json(RoutingContext ctx, int status, Object body) {
        if (!ctx.response().ended()) {
            jsonText(ctx, status, io.vertx.core.json.Json.encode(body));
        }
    }

    /** Ends the response with {@code status} and {@code json}, JSON text the caller encoded (e.g. once, to store it too). */
    public static void jsonText(RoutingContext ctx, int status, String json) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("content-type", "application/json; charset=utf-8")
                .end(json);
    }

    /** Replies with the future's value as JSON with {@code status}, or fails the context with its error. */
    public static void reply(RoutingContext ctx, int status, Future<?> result) {
        result.onSuccess(body -> json(ctx, status, body)).onFailure(ctx::fail);
    }

    /** Replies with the future's JSON text with {@code status}, or fails the context with its error. */
    public static void replyText(RoutingContext ctx, int status, Future<String> json) {
        json.onSuccess(text -> jsonText(ctx, status, text)).onFailure(ctx::fail);
    }
}
