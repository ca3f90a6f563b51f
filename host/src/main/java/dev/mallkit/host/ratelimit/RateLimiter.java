package dev.mallkit.host.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Token buckets per caller key (role and subject, so one tenant's burst never spends another's). Full
 * buckets are forgotten when the table grows past {@code maxCallers}: a full bucket and a missing one
 * behave the same, so memory stays bounded without changing any decision.
 */
public final class RateLimiter {
    private static final int MAX_CALLERS = 100_000;

    private final RateLimitSettings settings;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(RateLimitSettings settings, LongSupplier nanoClock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
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
        if (buckets.size() >= MAX_CALLERS) {
            buckets.values().removeIf(b -> b.full(now));
        }
        return buckets.computeIfAbsent(caller, k -> new TokenBucket(settings, now)).take(now);
    }
}
