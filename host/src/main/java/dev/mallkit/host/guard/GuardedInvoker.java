package dev.mallkit.host.guard;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /** How long a batch of calls runs on one thread before the calls not started yet get threads of their own. */
    public static final Duration BATCH_SPILL_AFTER = Duration.ofMillis(1);
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
        GuardedCall<R> task = admit(key, guard, budget, work);
        long start = nanoClock.getAsLong();
        long began = System.nanoTime();
        try {
            threads.execute(task);
        } catch (RejectedExecutionException e) {
            throw notStarted(key, guard, e);
        }
        return await(key, guard, task, budget, start, began, null);
    }

    /**
     * Makes several calls at once, each under its own key's guard as {@link #call} would, but one after another on
     * one thread: a hand-off costs more than most plugin calls, so a GET asking three providers pays for one, not
     * three. The calls still run apart when it matters: when the batch has run for {@link #BATCH_SPILL_AFTER} (or a
     * call of it times out), every call not started yet gets a thread of its own at once. The slowest call thus
     * costs its budget plus that at most, and a call that hangs delays the others by that at most.
     *
     * <p>Each budget counts from the start of the batch; a call's metrics count its time from there too, including
     * the time it waited behind the batch's earlier calls (under {@link #BATCH_SPILL_AFTER}).
     *
     * @return per item, in order, what {@link #call} would have returned or thrown
     */
    public <R> List<Outcome<R>> callEach(List<Item<R>> items) {
        List<Outcome<R>> outcomes = new ArrayList<>(items.size());
        List<Admitted<R>> admitted = new ArrayList<>(items.size());
        for (Item<R> item : items) {
            KeyGuard guard = guard(item.key());
            try {
                admitted.add(new Admitted<>(outcomes.size(), item, guard, admit(item.key(), guard, item.budget(), item.work())));
                outcomes.add(null);
            } catch (RuntimeException e) {
                outcomes.add(Outcome.failed(e));
            }
        }
        long start = nanoClock.getAsLong();
        long began = System.nanoTime();
        Batch<R> batch = new Batch<>(admitted.stream().map(Admitted::task).toList(), began + BATCH_SPILL_AFTER.toNanos());
        try {
            threads.execute(batch);
        } catch (RejectedExecutionException e) {
            for (Admitted<R> call : admitted) {
                call.task().cancel(false);
                outcomes.set(call.index(), Outcome.failed(notStarted(call.item().key(), call.guard(), e)));
            }
            return outcomes;
        }
        for (Admitted<R> call : admitted) {
            try {
                outcomes.set(call.index(), Outcome.of(await(call.item().key(), call.guard(), call.task(), call.item().budget(), start, began, batch)));
            } catch (RuntimeException e) {
                outcomes.set(call.index(), Outcome.failed(e));
            }
        }
        return outcomes;
    }

    private <R> GuardedCall<R> admit(GuardKey key, KeyGuard guard, Duration budget, Callable<R> work) {
        PluginMetrics.Series series = guard.series();
        series.called();
        if (!enterBulkhead(guard.bulkhead(), budget)) {
            throw rejected(key, series, PluginUnavailableException.Reason.BULKHEAD_FULL);
        }
        if (!guard.breaker().tryAcquire()) {
            guard.bulkhead().release();
            throw rejected(key, series, PluginUnavailableException.Reason.CIRCUIT_OPEN);
        }
        return new GuardedCall<>(work, guard.bulkhead(), priority);
    }

    private static PluginUnavailableException notStarted(GuardKey key, KeyGuard guard, RejectedExecutionException e) {
        guard.bulkhead().release();
        guard.breaker().onAbandoned();
        return new PluginUnavailableException(key, PluginUnavailableException.Reason.FAILED, e);
    }

    /**
     * @param start when the call (or its batch) started, on {@link #nanoClock}, for the metrics
     * @param began the same on {@link System#nanoTime}, for the budget
     * @param batch the batch the call is part of, or null
     */
    private <R> R await(GuardKey key, KeyGuard guard, GuardedCall<R> task, Duration budget, long start, long began, Batch<?> batch) {
        PluginMetrics.Series series = guard.series();
        try {
            R result = awaitDemoting(task, budget.toNanos(), began, batch);
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
            spill(batch);
            guard.breaker().onFailure(false);
            series.timedOut(nanoClock.getAsLong() - start);
            throw new PluginUnavailableException(key, PluginUnavailableException.Reason.TIMEOUT, null);
        } catch (InterruptedException e) {
            // the caller gave up, not the plugin: no verdict for the breaker
            task.cancel(true);
            spill(batch);
            guard.breaker().onAbandoned();
            Thread.currentThread().interrupt();
            throw new PluginUnavailableException(key, PluginUnavailableException.Reason.FAILED, e);
        }
    }

    /**
     * Waits for {@code task} until {@code began + budgetNanos}: spilling its batch's calls not started yet once the
     * batch has run too long, and moving its thread to the lowest CPU priority once it has run past the demotion delay.
     */
    private <R> R awaitDemoting(GuardedCall<R> task, long budgetNanos, long began, Batch<?> batch)
            throws InterruptedException, ExecutionException, TimeoutException {
        spinBriefly(task);
        long deadline = began + budgetNanos;
        if (batch != null && !awaitUntil(task, Math.min(batch.spillAt, deadline))) {
            batch.spill();
        }
        if (priority.isPresent() && !awaitUntil(task, began + Math.min(demoteAfterNanos, budgetNanos / 2))) {
            task.demote(priority.get());
        }
        if (!awaitUntil(task, deadline)) {
            throw new TimeoutException();
        }
        return task.get();
    }

    /** @return whether {@code task} is done by {@code until} ({@link System#nanoTime}) */
    private static boolean awaitUntil(FutureTask<?> task, long until) throws InterruptedException {
        long left = until - System.nanoTime();
        if (left > 0 && !task.isDone()) {
            try {
                task.get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException | CancellationException e) {
                // done or not, as isDone says
            }
        }
        return task.isDone();
    }

    private static void spill(Batch<?> batch) {
        if (batch != null) {
            batch.spill();
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
        if (!(failure instanceof GuardedCall.Retired)) {
            org.slf4j.LoggerFactory.getLogger(GuardedInvoker.class).error("plugin call thread {} died", thread.getName(), failure);
        }
    }

    /**
     * A batch's calls, run one after another on the thread that takes it, skipping those that another thread took
     * first ({@link #spill}). The thread offers itself for the next call only as its last call ends.
     */
    private final class Batch<R> implements Runnable {
        private final List<GuardedCall<R>> calls;
        /** When the calls not started yet get threads of their own ({@link System#nanoTime}). */
        private final long spillAt;
        private final AtomicBoolean spilled = new AtomicBoolean();

        Batch(List<GuardedCall<R>> calls, long spillAt) {
            this.calls = calls;
            this.spillAt = spillAt;
        }

        @Override
        public void run() {
            for (int i = 0; i < calls.size(); i++) {
                // a call abandoned by its caller was cancelled by interrupting this thread: the next must not see that
                Thread.interrupted();
                if (calls.get(i).runHere(i == calls.size() - 1)) {
                    spill();
                    throw new GuardedCall.Retired();
                }
            }
            CallThreads.nextCallMayCome();
        }

        /** Hands every call not started yet to a thread of its own. */
        void spill() {
            if (!spilled.compareAndSet(false, true)) {
                return;
            }
            for (GuardedCall<R> call : calls) {
                if (call.unclaimed()) {
                    try {
                        threads.execute(call);
                    } catch (RejectedExecutionException e) {
                        call.cancel(false); // closed: the caller gets a timeout, as for a call the close abandoned
                    }
                }
            }
        }
    }

    /** One call of a batch ({@link #callEach}): the key it is guarded under, its budget and the work. */
    public record Item<R>(GuardKey key, Duration budget, Callable<R> work) {
        public Item {
            requireNonNull(key, "key is null");
            requireNonNull(budget, "budget is null");
            requireNonNull(work, "work is null");
        }
    }

    /**
     * What one call of a batch came to.
     *
     * @param value   what the call returned (null when it failed)
     * @param failure what {@link #call} would have thrown, or null
     */
    public record Outcome<R>(R value, RuntimeException failure) {
        static <R> Outcome<R> of(R value) {
            return new Outcome<>(value, null);
        }

        static <R> Outcome<R> failed(RuntimeException failure) {
            return new Outcome<>(null, requireNonNull(failure, "failure is null"));
        }
    }

    /** A call of a batch that its guard let through, and its place among the batch's outcomes. */
    private record Admitted<R>(int index, Item<R> item, KeyGuard guard, GuardedCall<R> task) {
    }

    private record KeyGuard(GuardPolicy policy, Semaphore bulkhead, CircuitBreaker breaker, PluginMetrics.Series series) {
    }
}
