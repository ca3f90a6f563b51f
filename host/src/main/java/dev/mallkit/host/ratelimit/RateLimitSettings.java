package dev.mallkit.host.ratelimit;

import java.util.Map;

/**
 * Per-caller request limits: a sustained rate and a burst. Read from {@code MALLKIT_RATE_LIMIT}
 * (requests per second, default 200) and {@code MALLKIT_RATE_BURST} (default twice the rate), or the
 * system properties {@code mallkit.rate.limit} / {@code mallkit.rate.burst}; {@code MALLKIT_RATE_LIMIT=0}
 * turns limiting off.
 *
 * @param ratePerSecond tokens added per second, 0 = unlimited
 * @param burst         bucket size: requests a quiet caller may send at once
 */
public record RateLimitSettings(long ratePerSecond, long burst) {
    /** The generous default: 200 requests per second with bursts of 400. */
    public static final RateLimitSettings DEFAULT = new RateLimitSettings(200, 400);

    public RateLimitSettings {
        if (ratePerSecond < 0 || ratePerSecond > 1_000_000) {
            throw new IllegalArgumentException("MALLKIT_RATE_LIMIT must be 0-1000000 requests/s: " + ratePerSecond);
        }
        if (ratePerSecond > 0 && (burst < 1 || burst > 10_000_000)) {
            throw new IllegalArgumentException("MALLKIT_RATE_BURST must be 1-10000000: " + burst);
        }
    }

    /** @return whether limiting is on */
    public boolean enabled() {
        return ratePerSecond > 0;
    }

    /** @return the settings named in {@code env} */
    public static RateLimitSettings from(Map<String, String> env) {
        long rate = number(env, "MALLKIT_RATE_LIMIT", DEFAULT.ratePerSecond());
        long burst = number(env, "MALLKIT_RATE_BURST", rate * 2);
        return new RateLimitSettings(rate, burst);
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number: " + value, e);
        }
    }
}
