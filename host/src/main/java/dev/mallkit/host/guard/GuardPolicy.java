package dev.mallkit.host.guard;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The limits of one {@link GuardKey}.
 *
 * @param budget           how long a call may take before the caller gets a TIMEOUT
 * @param maxConcurrent    calls that may run at once; more fail fast with BULKHEAD_FULL. A call that
 *                         overran its budget keeps its slot until its thread really ends
 * @param failureThreshold consecutive failures or timeouts that open the breaker
 * @param openDuration     how long an open breaker refuses calls before letting one trial call through
 */
public record GuardPolicy(Duration budget, int maxConcurrent, int failureThreshold, Duration openDuration) {
    /** 200 ms, 32 concurrent calls, open after 5 consecutive failures, retry after 30 s. */
    public static final GuardPolicy DEFAULT = new GuardPolicy(Duration.ofMillis(200), 32, 5, Duration.ofSeconds(30));

    public GuardPolicy {
        requireNonNull(budget, "budget is null");
        requireNonNull(openDuration, "openDuration is null");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive: " + budget);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1: " + maxConcurrent);
        }
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1: " + failureThreshold);
        }
        if (openDuration.isNegative()) {
            throw new IllegalArgumentException("openDuration must not be negative: " + openDuration);
        }
    }

    /** @return a copy with another budget */
    public GuardPolicy withBudget(Duration budget) {
        return new GuardPolicy(budget, maxConcurrent, failureThreshold, openDuration);
    }
}
