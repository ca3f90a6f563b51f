package dev.mallkit.host.auth;

import dev.mallkit.host.http.ApiError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Authenticates {@code Authorization: Bearer <token>}; 401 when absent or unknown. */
public final class AuthHandler implements Handler<RoutingContext> {
    private final Tokens tokens;

    public AuthHandler(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 256) {
            ctx.fail(new ApiError(401, "UNAUTHENTICATED", "a valid bearer token is required"));
            return;
        }
        tokens.authenticate(header.substring(7).trim()).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
            } else if (result.result().isEmpty()) {
                ctx.fail(new ApiError(401, "UNAUTHENTICATED", "the bearer token is not valid"));
            } else {
                ctx.put(Principal.KEY, result.result().get());
                ctx.next();
            }
        });
    }
}
