package dev.mallkit.host.guard;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Runs every plugin call under its {@link GuardKey}'s time budget, bulkhead and circuit breaker, and
 * records {@link PluginMetrics}. {@link #call} blocks: call it off the event loop, from a virtual or
 * worker thread.
 *
 * <p>The work runs on daemon <em>platform</em> threads, never virtual ones: a plugin stuck in
 * {@code while (true) {}} would pin a virtual thread's carrier forever. Since JDK 20 a Java thread
 * cannot be killed ({@code Thread.stop} is gone), so a call that overruns its budget is interrupted
 * and abandoned: the caller gets {@link PluginUnavailableException.Reason#TIMEOUT} at once, the
 * breaker counts the failure, and the runaway thread keeps its bulkhead slot until it really ends.
 * That caps the threads one misbehaving key can burn at its {@code maxConcurrent}; a plugin that never
 * returns must be yanked (and the process restarted to reclaim its CPU).
 */
public final class GuardedInvoker implements AutoCloseable {
    private final GuardPolicy defaults;
    private final PluginMetrics metrics;
    private final LongSupplier nanoClock;
    private final Map<GuardKey, KeyGuard> guards = new ConcurrentHashMap<>();
    private final ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), Thread.ofPlatform().daemon().name("mallkit-plugin-call-", 0).factory());

    /** @param metrics where calls are counted */
    public GuardedInvoker(PluginMetrics metrics) {
        this(GuardPolicy.DEFAULT, metrics);
    }

    /**
     * @param defaults the policy of keys not {@linkplain #configure configured} otherwise
     * @param metrics  where calls are counted
     */
    public GuardedInvoker(GuardPolicy defaults, PluginMetrics metrics) {
        this(defaults, metrics, System::nanoTime);
    }

    GuardedInvoker(GuardPolicy defaults, PluginMetrics metrics, LongSupplier nanoClock) {
        this.defaults = requireNonNull(defaults, "defaults is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
    }

    /** Gives {@code key} its own policy, resetting its breaker and bulkhead. */
    public void configure(GuardKey key, GuardPolicy policy) {
        KeyGuard old = guards.put(requireNonNull(key, "key is null"), newGuard(key, requireNonNull(policy, "policy is null")));
        if (old != null && old.breaker().state() != CircuitBreaker.State.CLOSED) {
            old.series().breakerClosed();
        }
    }

    /** @return the policy in force for {@code key} */
    public GuardPolicy policy(GuardKey key) {
        return guard(key).policy();
    }

    /** @return the phase of {@code key}'s breaker */
    public CircuitBreaker.State breakerState(GuardKey key) {
        return guard(key).breaker().state();
    }

    /** Forgets every key of a plugin version, e.g. after it was uninstalled. */
    public void forget(String pluginId, String version) {
        guards.keySet().removeIf(k -> k.pluginId().equals(pluginId) && k.version().equals(version));
        metrics.forget(pluginId, version);
    }

    /** Calls with the budget of {@code key}'s policy. */
    public <R> R call(GuardKey key, Callable<R> work) {
        return call(key, guard(key).policy().budget(), work);
    }

    /**
     * Runs {@code work} and waits at most {@code budget} for it.
     *
     * @return what the work returned
     * @throws PluginException             unchanged, when the plugin refused with {@link ErrorCategory#USER_ERROR}
     * @throws PluginUnavailableException  on timeout, a full bulkhead, an open breaker or any other failure
     */
    public <R> R call(GuardKey key, Duration budget, Callable<R> work) {
        requireNonNull(budget, "budget is null");
        requireNonNull(work, "work is null");
        KeyGuard guard = guard(key);
        PluginMetrics.Series series = guard.series();
        series.called();
        if (!guard.bulkhead().tryAcquire()) {
            throw rejected(key, series, PluginUnavailableException.Reason.BULKHEAD_FULL);
        }
        if (!guard.breaker().tryAcquire()) {
            guard.bulkhead().release();
            throw rejected(key, series, PluginUnavailableException.Reason.CIRCUIT_OPEN);
        }
        FutureTask<R> task = new FutureTask<>(work);
        long start = nanoClock.getAsLong();
        try {
            // the slot is freed when the thread leaves the work, not when the caller stops waiting
            executor.execute(() -> {
                try {
                    task.run();
                } finally {
                    guard.bulkhead().release();
                }
            });
        } catch (RejectedExecutionException e) {
            guard.bulkhead().release();
            guard.breaker().onAbandoned();
            throw new PluginUnavailableException(key, PluginUnavailableException.Reason.FAILED, e);
        }
        return await(key, guard, task, budget, start);
    }

    private <R> R await(GuardKey key, KeyGuard guard, FutureTask<R> task, Duration budget, long start) {
        PluginMetrics.Series series = guard.series();
        try {
            R result = task.get(budget.toNanos(), TimeUnit.NANOSECONDS);
            guard.breaker().onSuccess();
            series.succeeded(nanoClock.getAsLong() - start);
            return result;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PluginException pe && pe.category() == ErrorCategory.USER_ERROR) {
                guard.breaker().onSuccess();
                series.userError(nanoClock.getAsLong() - start);
                throw pe;
            }
            guard.breaker().onFailure();
            series.failed(nanoClock.getAsLong() - start);
            throw new PluginUnavailableException(key, PluginUnavailableException.Reason.FAILED, cause);
        } catch (TimeoutException e) {
            task.cancel(true);
            guard.breaker().onFailure();
            series.timedOut(nanoClock.getAsLong() - start);
            throw new PluginUnavailableException(key, PluginUnavailableException.Reason.TIMEOUT, null);
        } catch (InterruptedException e) {
            // the caller gave up, not the plugin: no verdict for the breaker
            task.cancel(true);
            guard.breaker().onAbandoned();
            Thread.currentThread().interrupt();
            throw new PluginUnavailableException(key, PluginUnavailableException.Reason.FAILED, e);
        }
    }

    /** Abandons running calls (interrupting them) and stops accepting new ones. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static PluginUnavailableException rejected(GuardKey key, PluginMetrics.Series series, PluginUnavailableException.Reason reason) {
        series.rejected(reason);
        return new PluginUnavailableException(key, reason, null);
    }

    private KeyGuard guard(GuardKey key) {
        requireNonNull(key, "key is null");
        return guards.computeIfAbsent(key, k -> newGuard(k, defaults));
    }

    private KeyGuard newGuard(GuardKey key, GuardPolicy policy) {
        PluginMetrics.Series series = metrics.series(key.pluginId(), key.version());
        return new KeyGuard(policy, new Semaphore(policy.maxConcurrent()), new CircuitBreaker(policy, nanoClock, series), series);
    }

    private record KeyGuard(GuardPolicy policy, Semaphore bulkhead, CircuitBreaker breaker, PluginMetrics.Series series) {
    }
}
