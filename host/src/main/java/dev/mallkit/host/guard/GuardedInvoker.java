package dev.mallkit.host.guard;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Runs every plugin call under its {@link GuardKey}'s time budget, bulkhead and circuit breaker, and
 * records {@link PluginMetrics}. {@link #call} blocks: call it off the event loop, from a virtual or
 * worker thread.
 *
 * <p>This is the guard's policy ({@link KeyGuard} per key); the work runs on a {@link CallExecutor} (pooled platform
 * threads) while the caller waits with a timeout. Since JDK 20 a Java thread cannot be killed ({@code Thread.stop} is
 * gone), so a call that overruns its budget is interrupted and abandoned: the caller gets {@link PluginUnavailableException.Reason#TIMEOUT} at once, the
 * breaker counts the failure, and the runaway thread keeps its bulkhead slot until it really ends.
 * That caps the threads one misbehaving key can burn at its {@code maxConcurrent}; a plugin that never
 * returns must be yanked (and the process restarted to reclaim its CPU).
 *
 * <p>A call still running after its demotion delay ({@link #DEMOTE_AFTER} by default, at most half its budget) is moved
 * to the lowest CPU priority ({@link CpuPriority}): a plugin looping in one store then takes a sliver of a core instead of a
 * whole one from every other store while the guard waits out its budget, and a runaway Java thread costs next
 * to nothing. Its thread gets its priority back when the call ends, or ends itself where the OS refuses that.
 * An exhausted resource (a sandbox's statement or time limit) opens the breaker at once: it is the plugin's own
 * doing, not a slow moment of the host, so the breaker does not wait for five of them. A timeout counts as one
 * failure: under overload a sound plugin can overrun too.
 */
public final class GuardedInvoker implements AutoCloseable {
    /** How long a call may run at normal CPU priority by default (at most half its budget). */
    public static final Duration DEMOTE_AFTER = Duration.ofMillis(100);

    private final GuardPolicy defaults;
    private final PluginMetrics metrics;
    private final LongSupplier nanoClock;
    private final Optional<CpuPriority> priority;
    private final long demoteAfterNanos;
    /**
     * By store, so that a store's change touches its own few keys, not every key of the host. State, not a cache:
     * forgetting a key would close its open breaker and free its runaway calls' slots.
     */
    private final Map<String, Map<GuardKey, KeyGuard>> guards = new ConcurrentHashMap<>();
    private final CallExecutor executor;

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
        this.executor = new CallExecutor(priority);
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
        return await(start(key, budget, work));
    }

    /**
     * Makes several calls at once, each under its own key's guard and on a thread of its own, as {@link #call} would:
     * the slowest call costs its budget at most, and a call that hangs delays no other.
     *
     * @return per item, in order, what {@link #call} would have returned or thrown
     */
    public <R> List<Outcome<R>> callEach(List<Item<R>> items) {
        List<Supplier<Outcome<R>>> outcomes = new ArrayList<>(items.size());
        for (Item<R> item : items) {
            try {
                Started<R> call = start(item.key(), item.budget(), item.work());
                outcomes.add(() -> Outcome.of(() -> await(call)));
            } catch (RuntimeException e) {
                Outcome<R> refused = Outcome.failed(e);
                outcomes.add(() -> refused);
            }
        }
        return outcomes.stream().map(Supplier::get).toList();
    }

    /** Admits a call (bulkhead, then breaker) and starts it; its budget counts from here. */
    private <R> Started<R> start(GuardKey key, Duration budget, Callable<R> work) {
        requireNonNull(budget, "budget is null");
        requireNonNull(work, "work is null");
        KeyGuard guard = guard(key);
        guard.admit(budget);
        long started = nanoClock.getAsLong();
        long began = System.nanoTime();
        try {
            RunningCall<R> call = executor.start(work, guard.bulkhead()::release);
            return new Started<>(guard, call, started, began + Math.min(demoteAfterNanos, budget.toNanos() / 2), began + budget.toNanos());
        } catch (RejectedExecutionException e) {
            throw guard.notStarted(e);
        }
    }

    /**
     * A call its guard let through, running.
     *
     * @param started  when it started on {@link #nanoClock}, for the metrics
     * @param demoteAt when its thread drops to the lowest CPU priority ({@link System#nanoTime})
     * @param deadline when its budget runs out ({@link System#nanoTime})
     */
    private record Started<R>(KeyGuard guard, RunningCall<R> call, long started, long demoteAt, long deadline) {
    }

    private <R> R await(Started<R> call) {
        return call.guard().await(call.call(), call.demoteAt(), call.deadline(), nanoClock, call.started());
    }

    /** Abandons running calls (interrupting them) and stops accepting new ones. */
    @Override
    public void close() {
        executor.close();
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
        return KeyGuard.of(key, policy, nanoClock, metrics);
    }

    /** One call of {@link #callEach}: the key it is guarded under, its budget and the work. */
    public record Item<R>(GuardKey key, Duration budget, Callable<R> work) {
        public Item {
            requireNonNull(key, "key is null");
            requireNonNull(budget, "budget is null");
            requireNonNull(work, "work is null");
        }
    }

    /**
     * What one call of {@link #callEach} came to.
     *
     * @param value   what the call returned (null when it failed)
     * @param failure what {@link #call} would have thrown, or null
     */
    public record Outcome<R>(R value, RuntimeException failure) {
        static <R> Outcome<R> of(Supplier<R> call) {
            try {
                return new Outcome<>(call.get(), null);
            } catch (RuntimeException e) {
                return failed(e);
            }
        }

        static <R> Outcome<R> failed(RuntimeException failure) {
            return new Outcome<>(null, requireNonNull(failure, "failure is null"));
        }
    }
}
