package dev.mallkit.host.ratelimit;

/**
 * One caller's token bucket, kept as the generic cell rate algorithm: a single "theoretical arrival time"
 * instead of a token count, so refills are exact in integer nanoseconds however often it is called. A
 * request is allowed when the caller is at most {@code burst - 1} emission intervals ahead of its rate.
 */
final class TokenBucket {
    private final long intervalNanos;
    private final long toleranceNanos;
    private long theoreticalArrival;

    /** @return how long an emptied bucket takes to fill up again: unused that long, it is as good as new */
    static long refillNanos(RateLimitSettings settings) {
        return 1_000_000_000L / settings.ratePerSecond() * settings.burst();
    }

    TokenBucket(RateLimitSettings settings, long nowNanos) {
        this.intervalNanos = 1_000_000_000L / settings.ratePerSecond();
        this.toleranceNanos = intervalNanos * (settings.burst() - 1);
        this.theoreticalArrival = nowNanos;
    }

    /** @return 0 when a token was taken, else the nanoseconds until one is available */
    synchronized long take(long nowNanos) {
        long start = Math.max(theoreticalArrival, nowNanos);
        long ahead = start - nowNanos;
        if (ahead > toleranceNanos) {
            return ahead - toleranceNanos;
        }
        theoreticalArrival = start + intervalNanos;
        return 0;
    }
}
