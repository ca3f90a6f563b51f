package dev.mallkit.host.auth;

import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.http.UnreadBodies;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates {@code Authorization: Bearer <token>}; 401 when absent or unknown. It runs before the body
 * handler: the request is paused while the token is looked up, so its body waits unread, and a refused
 * request's body is never read at all.
 */
public final class AuthHandler implements Handler<RoutingContext> {
    private final Tokens tokens;

    public AuthHandler(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 256) {
            UnreadBodies.refuse(ctx, new HostError(ErrorCode.UNAUTHENTICATED, "a valid bearer token is required"));
            return;
        }
        // without a pause the body would stream past while the lookup runs, and the body handler would miss it;
        // a request already read (no body, or /metrics after the body handler) cannot be paused and need not be
        if (!ctx.request().isEnded()) {
            ctx.request().pause();
        }
        tokens.authenticate(header.substring(7).trim()).onComplete(result -> {
            if (result.failed()) {
                UnreadBodies.refuse(ctx, result.cause());
            } else if (result.result().isEmpty()) {
                UnreadBodies.refuse(ctx, new HostError(ErrorCode.UNAUTHENTICATED, "the bearer token is not valid"));
            } else {
                ctx.put(Principal.KEY, result.result().get());
                ctx.next();
            }
        });
    }
}
