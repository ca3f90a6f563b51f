package dev.mallkit.host.ratelimit;

import dev.mallkit.host.auth.Principal;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import static java.util.Objects.requireNonNull;

/**
 * Limits each authenticated principal to its token bucket; mount it right after authentication. A caller
 * over its quota gets 429 {@code RATE_LIMITED} with {@code Retry-After} (whole seconds, at least 1).
 */
public final class RateLimitHandler implements Handler<RoutingContext> {
    private final RateLimiter limiter;

    public RateLimitHandler(RateLimiter limiter) {
        this.limiter = requireNonNull(limiter, "limiter is null");
    }

    /** @return a handler limiting by {@code settings} on the system clock */
    public static RateLimitHandler of(RateLimitSettings settings) {
        return new RateLimitHandler(new RateLimiter(settings, System::nanoTime));
    }

    @Override
    public void handle(RoutingContext ctx) {
        Principal principal = Principal.of(ctx);
        long waitNanos = limiter.acquire(principal.role().name() + ":" + principal.subject());
        if (waitNanos == 0) {
            ctx.next();
            return;
        }
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        ctx.fail(new HostError(ErrorCode.RATE_LIMITED, "too many requests for this caller; retry after " + seconds + " s"));
    }
}
