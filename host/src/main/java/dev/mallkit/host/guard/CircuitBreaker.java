package dev.mallkit.host.guard;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * A lock-free circuit breaker: CLOSED counts consecutive failures and opens at the threshold, or when
 * {@link #WINDOW_FAILURES} of the last {@link #WINDOW} calls failed (a plugin whose one method always fails while
 * another answers never fails five times in a row), or at once on a severe failure (an exhausted resource); OPEN refuses calls for the open duration, then lets
 * exactly one trial call through (HALF_OPEN); the trial's success closes it, its failure opens it again for
 * twice as long as the time before (at most {@link #MAX_BACKOFF} times the open duration), so a plugin that
 * stays broken costs fewer and fewer trials.
 */
public final class CircuitBreaker {
    /** The breaker's phase. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** The longest an open breaker waits, as a multiple of the policy's open duration. */
    static final int MAX_BACKOFF = 8;

    /** Calls remembered for the failure rate. */
    static final int WINDOW = 20;
    /** Failures among the last {@link #WINDOW} calls that open the breaker. */
    static final int WINDOW_FAILURES = 10;
    private static final long WINDOW_MASK = (1L << WINDOW) - 1;

    /**
     * @param trials  failed trials in a row since the breaker last closed (the open time doubles with each)
     * @param outcomes the last {@link #WINDOW} calls since it closed, most recent in bit 0: 1 failed, 0 answered
     */
    private record Snapshot(State state, int failures, long openedAt, int trials, long outcomes) {
        static final Snapshot CLOSED = new Snapshot(State.CLOSED, 0, 0, 0, 0);

        long openNanos(long base) {
            return base * Math.min(1L << Math.min(trials, 30), MAX_BACKOFF);
        }
    }

    private final int threshold;
    private final long openNanos;
    private final LongSupplier clock;
    private final PluginMetrics.Series metrics;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(Snapshot.CLOSED);

    CircuitBreaker(GuardPolicy policy, LongSupplier nanoClock, PluginMetrics.Series metrics) {
        this.threshold = policy.failureThreshold();
        this.openNanos = policy.openDuration().toNanos();
        this.clock = requireNonNull(nanoClock, "nanoClock is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /** @return the current phase (an expired OPEN still reads OPEN until a call tries it) */
    public State state() {
        return snapshot.get().state();
    }

    /** @return whether a call may proceed; in HALF_OPEN only the one trial call may */
    boolean tryAcquire() {
        while (true) {
            Snapshot s = snapshot.get();
            switch (s.state()) {
                case CLOSED:
                    return true;
                case HALF_OPEN:
                    return false;
                case OPEN:
                    if (clock.getAsLong() - s.openedAt() < s.openNanos(openNanos)) {
                        return false;
                    }
                    if (snapshot.compareAndSet(s, new Snapshot(State.HALF_OPEN, s.failures(), s.openedAt(), s.trials(), s.outcomes()))) {
                        return true;
                    }
                    break;
                default:
                    throw new IllegalStateException(s.state().name());
            }
        }
    }

    /** The plugin answered (a user error is an answer too). */
    void onSuccess() {
        Snapshot s;
        Snapshot next;
        do {
            s = snapshot.get();
            if (s.state() == State.OPEN || (s.state() == State.CLOSED && s.failures() == 0 && s.outcomes() == 0)) {
                // a straggler from before the breaker opened changes nothing; nor does a success among successes
                // (the healthy path stays free of writes)
                return;
            }
            next = s.state() == State.HALF_OPEN ? Snapshot.CLOSED
                    : new Snapshot(State.CLOSED, 0, 0, 0, (s.outcomes() << 1) & WINDOW_MASK);
        } while (!snapshot.compareAndSet(s, next));
        if (s.state() == State.HALF_OPEN) {
            metrics.breakerClosed();
        }
    }

    /**
     * The plugin failed.
     *
     * @param severe whether the plugin exhausted a resource limit (a runaway, not a slow moment): it opens the breaker at once
     */
    void onFailure(boolean severe) {
        Snapshot s;
        Snapshot next;
        do {
            s = snapshot.get();
            next = switch (s.state()) {
                case OPEN -> s;
                case HALF_OPEN -> new Snapshot(State.OPEN, s.failures() + 1, clock.getAsLong(), s.trials() + 1, s.outcomes());
                case CLOSED -> {
                    long outcomes = ((s.outcomes() << 1) | 1) & WINDOW_MASK;
                    yield severe || s.failures() + 1 >= threshold || Long.bitCount(outcomes) >= WINDOW_FAILURES
                            ? new Snapshot(State.OPEN, s.failures() + 1, clock.getAsLong(), 0, outcomes)
                            : new Snapshot(State.CLOSED, s.failures() + 1, 0, 0, outcomes);
                }
            };
        } while (next != s && !snapshot.compareAndSet(s, next));
        if (s.state() == State.CLOSED && next.state() == State.OPEN) {
            metrics.breakerOpened();
        }
    }

    /** The call ended without a verdict on the plugin (e.g. the caller was interrupted): free the trial. */
    void onAbandoned() {
        Snapshot s = snapshot.get();
        if (s.state() == State.HALF_OPEN) {
            snapshot.compareAndSet(s, new Snapshot(State.OPEN, s.failures(), s.openedAt(), s.trials(), s.outcomes()));
        }
    }

    /** @return whether the breaker was open or half-open and is closed now */
    boolean reset() {
        return snapshot.getAndSet(Snapshot.CLOSED).state() != State.CLOSED;
    }
}
