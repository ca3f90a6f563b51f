package dev.mallkit.host.guard;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
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
 *
 * <p>A call still running after its demotion delay ({@link #DEMOTE_AFTER} by default, at most half its budget) is moved to the lowest
 * CPU priority ({@link CpuPriority}): a plugin looping in one store then takes a sliver of a core instead of a
 * whole one from every other store while the guard waits out its budget, and a runaway Java thread costs next
 * to nothing. Its thread gets its priority back when the call ends, or ends itself where the OS refuses that.
 * An exhausted resource (a sandbox's statement or time limit) opens the breaker at once: it is the plugin's own
 * doing, not a slow moment of the host, so the breaker does not wait for five of them. A timeout counts as one
 * failure: under overload a sound plugin can overrun too.
 */
public final class GuardedInvoker implements AutoCloseable {
    /** How long a call may run at normal CPU priority by default (at most half its budget). */
    public static final Duration DEMOTE_AFTER = Duration.ofMillis(100);

    /** How long a call waits at most for a slot of its bulkhead. */
    public static final Duration BULKHEAD_WAIT = Duration.ofMillis(25);
    /** How long a caller polls for its call's end before it parks. */
    static final long CALLER_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(5);

    private final AdaptiveSpin callerSpin = new AdaptiveSpin(CALLER_SPIN_NANOS);
    private final GuardPolicy defaults;
    private final PluginMetrics metrics;
    private final LongSupplier nanoClock;
    private final Optional<CpuPriority> priority;
    private final long demoteAfterNanos;
    /** By store, so that a store's change touches its own few keys, not every key of the host. */
    private final Map<String, Map<GuardKey, KeyGuard>> guards = new ConcurrentHashMap<>();
    private final CallThreads threads = new CallThreads(Thread.ofPlatform().daemon().name("mallkit-plugin-call-", 0)
            .uncaughtExceptionHandler(GuardedInvoker::workerEnded), TimeUnit.SECONDS.toNanos(30));

    /** @param metrics where calls are counted */
    public GuardedInvoker(PluginMetrics metrics) {
        this(GuardPolicy.DEFAULT, metrics);
    }

    /**
     * @param defaults the policy of keys not {@linkplain #configure configured} otherwise
     * @param metrics  where calls are counted
     */
    public GuardedInvoker(GuardPolicy defaults, PluginMetrics metrics) {
        this(defaults, metrics, DEMOTE_AFTER);
    }

    /**
     * @param defaults    the policy of keys not {@linkplain #configure configured} otherwise
     * @param metrics     where calls are counted
     * @param demoteAfter how long a call runs at normal CPU priority; zero: calls are never demoted
     */
    public GuardedInvoker(GuardPolicy defaults, PluginMetrics metrics, Duration demoteAfter) {
        this(defaults, metrics, System::nanoTime, demoteAfter);
    }

    GuardedInvoker(GuardPolicy defaults, PluginMetrics metrics, LongSupplier nanoClock) {
        this(defaults, metrics, nanoClock, DEMOTE_AFTER);
    }

    private GuardedInvoker(GuardPolicy defaults, PluginMetrics metrics, LongSupplier nanoClock, Duration demoteAfter) {
        this.defaults = requireNonNull(defaults, "defaults is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
        this.demoteAfterNanos = requireNonNull(demoteAfter, "demoteAfter is null").toNanos();
        this.priority = demoteAfterNanos > 0 ? CpuPriority.linux() : Optional.empty();
    }

    /** Gives {@code key} its own policy, resetting its breaker and bulkhead. */
    public void configure(GuardKey key, GuardPolicy policy) {
        KeyGuard old = keysOf(requireNonNull(key, "key is null").storeId()).put(key, newGuard(key, requireNonNull(policy, "policy is null")));
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

    /**
     * Closes the breakers of {@code storeId}'s keys: its mix changed, so its plugins get a fresh start.
     * Bulkheads are kept: a runaway call still holds its slot.
     */
    public void resetBreakers(String storeId) {
        Map<GuardKey, KeyGuard> keys = guards.get(storeId);
        if (keys != null) {
            keys.values().forEach(guard -> {
                if (guard.breaker().reset()) {
                    guard.series().breakerClosed();
                }
            });
        }
    }

    /** Forgets every key of a plugin version, e.g. after it was uninstalled. */
    public void forget(String pluginId, String version) {
        guards.values().forEach(keys -> keys.keySet().removeIf(k -> k.pluginId().equals(pluginId) && k.version().equals(version)));
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
        if (!enterBulkhead(guard.bulkhead(), budget)) {
            throw rejected(key, series, PluginUnavailableException.Reason.BULKHEAD_FULL);
        }
        if (!guard.breaker().tryAcquire()) {
            guard.bulkhead().release();
            throw rejected(key, series, PluginUnavailableException.Reason.CIRCUIT_OPEN);
        }
        Call<R> task = new Call<>(work, guard.bulkhead(), priority);
        long start = nanoClock.getAsLong();
        try {
            threads.execute(task);
        } catch (RejectedExecutionException e) {
            guard.bulkhead().release();
            guard.breaker().onAbandoned();
            throw new PluginUnavailableException(key, PluginUnavailableException.Reason.FAILED, e);
        }
        return await(key, guard, task, budget, start);
    }

    private <R> R await(GuardKey key, KeyGuard guard, Call<R> task, Duration budget, long start) {
        PluginMetrics.Series series = guard.series();
        try {
            R result = awaitDemoting(task, budget.toNanos());
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
            boolean exhausted = cause instanceof PluginException pe && pe.category() == ErrorCategory.INSUFFICIENT_RESOURCES;
            guard.breaker().onFailure(exhausted);
            series.failed(nanoClock.getAsLong() - start);
            throw new PluginUnavailableException(key, PluginUnavailableException.Reason.FAILED, cause);
        } catch (TimeoutException e) {
            task.cancel(true);
            guard.breaker().onFailure(false);
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

    /** Waits for {@code task}, moving its thread to the lowest CPU priority once it has run past the demotion delay. */
    private <R> R awaitDemoting(Call<R> task, long budgetNanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        spinBriefly(task);
        if (priority.isEmpty()) {
            return task.get(budgetNanos, TimeUnit.NANOSECONDS);
        }
        long first = Math.min(demoteAfterNanos, budgetNanos / 2);
        try {
            return task.get(first, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.worker.demote(priority.get());
            return task.get(budgetNanos - first, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Takes a slot, waiting for one at most a tenth of the budget (and {@link #BULKHEAD_WAIT}): a burst of quick
     * calls on a busy machine holds every slot for a moment only, and failing the call then (a GET's offers then
     * lack that plugin's targets) would punish a healthy plugin. A key whose calls hang still fails fast.
     */
    private static boolean enterBulkhead(Semaphore bulkhead, Duration budget) {
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

    /**
     * Most plugin calls take about a microsecond: waiting for one by parking would cost a futex wake-up and a
     * context switch, several times the call. The caller therefore polls for {@link #CALLER_SPIN_NANOS} first,
     * while such polls pay off ({@link AdaptiveSpin}).
     */
    private void spinBriefly(FutureTask<?> task) {
        long limit = callerSpin.nanos();
        if (limit == 0) {
            return;
        }
        long start = System.nanoTime();
        while (!task.isDone()) {
            if (System.nanoTime() - start >= limit) {
                callerSpin.record(false);
                return;
            }
            Thread.onSpinWait();
        }
        callerSpin.record(true);
    }

    /** Abandons running calls (interrupting them) and stops accepting new ones. */
    @Override
    public void close() {
        threads.close();
    }

    private static PluginUnavailableException rejected(GuardKey key, PluginMetrics.Series series, PluginUnavailableException.Reason reason) {
        series.rejected(reason);
        return new PluginUnavailableException(key, reason, null);
    }

    private KeyGuard guard(GuardKey key) {
        requireNonNull(key, "key is null");
        Map<GuardKey, KeyGuard> keys = keysOf(key.storeId());
        KeyGuard guard = keys.get(key);
        return guard != null ? guard : keys.computeIfAbsent(key, k -> newGuard(k, defaults));
    }

    private Map<GuardKey, KeyGuard> keysOf(String storeId) {
        Map<GuardKey, KeyGuard> keys = guards.get(storeId);
        return keys != null ? keys : guards.computeIfAbsent(storeId, s -> new ConcurrentHashMap<>());
    }

    private KeyGuard newGuard(GuardKey key, GuardPolicy policy) {
        PluginMetrics.Series series = metrics.series(key.pluginId(), key.version());
        return new KeyGuard(policy, new Semaphore(policy.maxConcurrent()), new CircuitBreaker(policy, nanoClock, series), series);
    }

    private static void workerEnded(Thread thread, Throwable failure) {
        if (!(failure instanceof Worker.Retired)) {
            org.slf4j.LoggerFactory.getLogger(GuardedInvoker.class).error("plugin call thread {} died", thread.getName(), failure);
        }
    }

    /**
     * The OS thread running one call, as the caller sees it: the caller may demote it while the call runs,
     * never after (the thread would by then serve another call).
     */
    private static final class Worker {
        /** Ends a worker thread whose priority could not be restored, so no later call runs demoted. */
        static final class Retired extends RuntimeException {
            Retired() {
                super("plugin call thread retired at low priority", null, false, false);
            }
        }

        private static final ThreadLocal<Integer> TID = new ThreadLocal<>();
        private enum Phase { QUEUED, RUNNING, DONE }

        private Phase phase = Phase.QUEUED;
        private boolean demotionAsked;
        private boolean demoted;
        private int tid;

        /** On the worker thread, before the call: a demotion asked while the call was still queued applies now. */
        synchronized void started(Optional<CpuPriority> priority) {
            if (priority.isPresent()) {
                Integer known = TID.get();
                if (known == null) {
                    known = priority.get().currentThreadId();
                    TID.set(known);
                }
                tid = known;
                if (demotionAsked) {
                    demoted = priority.get().set(tid, CpuPriority.LOWEST);
                }
            }
            phase = Phase.RUNNING;
        }

        /** By the caller, once the call has taken longer than it should at full priority. */
        synchronized void demote(CpuPriority priority) {
            demotionAsked = true;
            if (phase == Phase.RUNNING && !demoted) {
                demoted = priority.set(tid, CpuPriority.LOWEST);
            }
        }

        /** On the worker thread, after the call: back to normal priority. @return false when that failed (end the thread) */
        boolean finished(Optional<CpuPriority> priority) {
            boolean restore;
            synchronized (this) {
                phase = Phase.DONE;
                restore = demoted;
            }
            return !restore || priority.orElseThrow().set(tid, CpuPriority.NORMAL);
        }
    }

    /**
     * One plugin call as its thread runs it. Everything that ends the call (the bulkhead slot freed, the
     * thread's priority restored, the thread offered for the next call) happens before the result is
     * published: a caller that sees the result and calls again finds the slot free and this thread ready.
     */
    private static final class Call<R> extends FutureTask<R> {
        private final Semaphore bulkhead;
        private final Optional<CpuPriority> priority;
        private final Worker worker = new Worker();
        /** Touched by the running thread only. */
        private boolean ended;
        private boolean retire;

        Call(Callable<R> work, Semaphore bulkhead, Optional<CpuPriority> priority) {
            super(work);
            this.bulkhead = bulkhead;
            this.priority = priority;
        }

        @Override
        public void run() {
            worker.started(priority);
            try {
                super.run();
            } finally {
                // cancelled before it ran: nothing was published, the slot is freed here
                end();
            }
            if (retire) {
                throw new Worker.Retired();
            }
        }

        @Override
        protected void set(R result) {
            end();
            super.set(result);
        }

        @Override
        protected void setException(Throwable failure) {
            end();
            super.setException(failure);
        }

        /** The slot is freed when the thread leaves the work, not when the caller stops waiting. */
        private void end() {
            if (ended) {
                return;
            }
            ended = true;
            bulkhead.release();
            retire = !worker.finished(priority);
            if (!retire) {
                CallThreads.nextCallMayCome();
            }
        }
    }

    private record KeyGuard(GuardPolicy policy, Semaphore bulkhead, CircuitBreaker breaker, PluginMetrics.Series series) {
    }
}
