package dev.mallkit.host.guard;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The guard of one {@link GuardKey}: its policy, bulkhead, breaker and metrics, which admit a call and judge its
 * outcome. How the call runs is not its business ({@link CallExecutor}).
 */
record KeyGuard(GuardKey key, GuardPolicy policy, Semaphore bulkhead, CircuitBreaker breaker, PluginMetrics.Series series) {
    /** How long a call waits at most for a slot of its bulkhead. */
    static final Duration BULKHEAD_WAIT = Duration.ofMillis(25);

    static KeyGuard of(GuardKey key, GuardPolicy policy, LongSupplier nanoClock, PluginMetrics metrics) {
        PluginMetrics.Series series = metrics.series(key.pluginId(), key.version());
        return new KeyGuard(key, policy, new Semaphore(policy.maxConcurrent()), new CircuitBreaker(policy, nanoClock, series), series);
    }

    /**
     * Takes a bulkhead slot and the breaker's leave; the caller must start the call or {@link #notStarted} it.
     *
     * @throws PluginUnavailableException with {@code BULKHEAD_FULL} or {@code CIRCUIT_OPEN}
     */
    void admit(Duration budget) {
        series.called();
        if (!enterBulkhead(budget)) {
            throw rejected(PluginUnavailableException.Reason.BULKHEAD_FULL);
        }
        if (!breaker.tryAcquire()) {
            bulkhead.release();
            throw rejected(PluginUnavailableException.Reason.CIRCUIT_OPEN);
        }
    }

    /** An admitted call could not start: its slot and the breaker's trial are given back. */
    PluginUnavailableException notStarted(Exception cause) {
        bulkhead.release();
        breaker.onAbandoned();
        return new PluginUnavailableException(key, PluginUnavailableException.Reason.FAILED, cause);
    }

    /**
     * Waits for an admitted call and turns its outcome into a verdict for the breaker and the metrics.
     *
     * @param demoteAt when the call's thread drops to the lowest CPU priority ({@link System#nanoTime})
     * @param deadline when the caller stops waiting ({@link System#nanoTime})
     * @param started  when the call started, on {@code clock}, for the metrics
     */
    <R> R await(RunningCall<R> call, long demoteAt, long deadline, LongSupplier clock, long started) {
        try {
            R result = call.await(demoteAt, deadline);
            breaker.onSuccess();
            series.succeeded(clock.getAsLong() - started);
            return result;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PluginException pe && pe.category() == ErrorCategory.USER_ERROR) {
                breaker.onSuccess();
                series.userError(clock.getAsLong() - started);
                throw pe;
            }
            boolean exhausted = cause instanceof PluginException pe && pe.category() == ErrorCategory.INSUFFICIENT_RESOURCES;
            breaker.onFailure(exhausted);
            series.failed(clock.getAsLong() - started);
            throw new PluginUnavailableException(key, PluginUnavailableException.Reason.FAILED, cause);
        } catch (TimeoutException e) {
            call.cancel(true);
            breaker.onFailure(false);
            series.timedOut(clock.getAsLong() - started);
            throw new PluginUnavailableException(key, PluginUnavailableException.Reason.TIMEOUT, null);
        } catch (InterruptedException e) {
            // the caller gave up, not the plugin: no verdict for the breaker
            call.cancel(true);
            breaker.onAbandoned();
            Thread.currentThread().interrupt();
            throw new PluginUnavailableException(key, PluginUnavailableException.Reason.FAILED, e);
        }
    }

    /**
     * Takes a slot, waiting for one at most a tenth of the budget (and {@link #BULKHEAD_WAIT}): a burst of quick
     * calls on a busy machine holds every slot for a moment only, and failing the call then (a GET's offers then
     * lack that plugin's targets) would punish a healthy plugin. A key whose calls hang still fails fast.
     */
    private boolean enterBulkhead(Duration budget) {
        if (bulkhead.tryAcquire()) {
            return true;
        }
        try {
            return bulkhead.tryAcquire(Math.min(budget.toNanos() / 10, BULKHEAD_WAIT.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private PluginUnavailableException rejected(PluginUnavailableException.Reason reason) {
        series.rejected(reason);
        return new PluginUnavailableException(key, reason, null);
    }
}
