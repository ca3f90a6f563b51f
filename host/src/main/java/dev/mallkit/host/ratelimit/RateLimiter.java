package dev.mallkit.host.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Token buckets per caller key (role and subject, so one tenant's burst never spends another's). A bucket not
 * used for as long as it takes to refill completely is full, and a full bucket and a missing one behave the same:
 * so buckets expire after that long unused, which bounds memory by the callers of the last moments without changing
 * any decision.
 */
public final class RateLimiter {
    private final RateLimitSettings settings;
    private final LongSupplier nanoClock;
    private final Cache<String, TokenBucket> buckets;

    public RateLimiter(RateLimitSettings settings, LongSupplier nanoClock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(settings.enabled() ? Duration.ofNanos(TokenBucket.refillNanos(settings)) : Duration.ZERO)
                .ticker(nanoClock::getAsLong)
                .build();
    }

    /** @return the settings in force */
    public RateLimitSettings settings() {
        return settings;
    }

    /** @return 0 when {@code caller} may proceed now, else the nanoseconds until it may */
    public long acquire(String caller) {
        if (!settings.enabled()) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        return buckets.get(caller, k -> new TokenBucket(settings, now)).take(now);
    }
}
