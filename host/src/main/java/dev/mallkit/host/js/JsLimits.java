package dev.mallkit.host.js;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The budget of one JavaScript plugin call. The community edition of GraalVM has no guest heap
 * limit, so memory is bounded indirectly: by the size of what crosses the boundary, by the
 * statement count and by the time budget.
 *
 * @param statementLimit statements one call may execute before it is stopped
 * @param timeBudget     wall-clock time one call may take before its context is cancelled
 * @param maxInputChars  largest JSON text the host hands to a call
 * @param maxOutputChars largest JSON text a call may return
 * @param maxIdle        idle contexts kept per plugin version
 */
public record JsLimits(long statementLimit, Duration timeBudget, int maxInputChars, int maxOutputChars, int maxIdle) {

    /** 64 KiB of JSON, far above any legitimate decision. */
    public static final int DEFAULT_MAX_OUTPUT = 64 * 1024;

    public JsLimits {
        requireNonNull(timeBudget, "timeBudget is null");
        if (statementLimit < 1 || timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("statementLimit and timeBudget must be positive");
        }
        if (maxInputChars < 1 || maxOutputChars < 1 || maxIdle < 0) {
            throw new IllegalArgumentException("size limits must be positive and maxIdle not negative");
        }
    }

    /** @return the production defaults: 1M statements, 2 s (a cold first call on a busy machine takes hundreds of ms), 256 KiB in, 64 KiB out, 8 idle contexts */
    public static JsLimits defaults() {
        return new JsLimits(1_000_000, Duration.ofSeconds(2), 256 * 1024, DEFAULT_MAX_OUTPUT, 8);
    }

    /** @return a copy with another statement limit */
    public JsLimits withStatementLimit(long limit) {
        return new JsLimits(limit, timeBudget, maxInputChars, maxOutputChars, maxIdle);
    }

    /** @return a copy with another time budget */
    public JsLimits withTimeBudget(Duration budget) {
        return new JsLimits(statementLimit, budget, maxInputChars, maxOutputChars, maxIdle);
    }
}
