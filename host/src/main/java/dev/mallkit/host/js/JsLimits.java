package dev.mallkit.host.js;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The budget of one JavaScript plugin call and of one sandbox. The community edition of GraalVM has no guest heap
 * limit ({@code sandbox.MaxHeapMemory} is Oracle GraalVM's only), so memory is bounded by what the calling thread
 * allocates: a call (or a module's top-level evaluation) that allocates more than {@code callMemory} bytes is
 * cancelled, and a sandbox that allocated more than {@code sandboxMemory} bytes since it was created is closed after
 * its call instead of being reused. What a sandbox retains can never exceed what it allocated.
 *
 * @param statementLimit statements one call may execute before it is stopped
 * @param timeBudget     wall-clock time one call may take before its context is cancelled
 * @param maxInputChars  largest JSON text the host hands to a call
 * @param maxOutputChars largest JSON text a call may return
 * @param maxIdle        idle contexts kept per plugin version and store
 * @param callMemory     bytes one call, or one module load, may allocate before it is cancelled
 * @param sandboxMemory  bytes a sandbox may allocate over its life before it is closed and replaced
 */
public record JsLimits(long statementLimit, Duration timeBudget, int maxInputChars, int maxOutputChars, int maxIdle,
                       long callMemory, long sandboxMemory) {

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
        if (callMemory < 1 || sandboxMemory < callMemory) {
            throw new IllegalArgumentException("callMemory must be positive and sandboxMemory at least callMemory");
        }
    }

    /**
     * @return the production defaults: 1M statements, 2 s (a cold first call on a busy machine takes hundreds of ms),
     *         256 KiB in, 64 KiB out, 4 idle contexts per store, 64 MiB per call (a warm call allocates kilobytes), 256 MiB
     *         per sandbox
     */
    public static JsLimits defaults() {
        return new JsLimits(1_000_000, Duration.ofSeconds(2), 256 * 1024, DEFAULT_MAX_OUTPUT, 4, 64L << 20, 256L << 20);
    }

    /** @return these limits as command-line arguments, which {@link #fromArguments} reads back in a worker process */
    java.util.List<String> asArguments() {
        return java.util.List.of(String.valueOf(statementLimit), String.valueOf(timeBudget.toMillis()), String.valueOf(maxInputChars),
                String.valueOf(maxOutputChars), String.valueOf(maxIdle), String.valueOf(callMemory), String.valueOf(sandboxMemory));
    }

    /** @return the limits {@link #asArguments()} wrote, starting at {@code args[from]} */
    static JsLimits fromArguments(String[] args, int from) {
        return new JsLimits(Long.parseLong(args[from]), Duration.ofMillis(Long.parseLong(args[from + 1])), Integer.parseInt(args[from + 2]),
                Integer.parseInt(args[from + 3]), Integer.parseInt(args[from + 4]), Long.parseLong(args[from + 5]), Long.parseLong(args[from + 6]));
    }

    /** @return a copy with another statement limit */
    public JsLimits withStatementLimit(long limit) {
        return new JsLimits(limit, timeBudget, maxInputChars, maxOutputChars, maxIdle, callMemory, sandboxMemory);
    }

    /** @return a copy with another time budget */
    public JsLimits withTimeBudget(Duration budget) {
        return new JsLimits(statementLimit, budget, maxInputChars, maxOutputChars, maxIdle, callMemory, sandboxMemory);
    }

    /** @return a copy with other memory bounds per call and per sandbox */
    public JsLimits withMemory(long perCall, long perSandbox) {
        return new JsLimits(statementLimit, timeBudget, maxInputChars, maxOutputChars, maxIdle, perCall, perSandbox);
    }
}
