package dev.mallkit.host.js;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * One sandboxed context with a plugin module evaluated in it, serving one store of one plugin version (or a single
 * call that has no store). Used by one thread at a time (the pool hands it out exclusively), always a platform
 * thread: a call from a virtual thread is run on the engine's platform threads, since guest code would pin the
 * virtual thread's carrier. Every call runs with a fresh statement budget, under the engine's time budget and under
 * its memory budget: the bytes the executing thread allocates during the call, which the watchdog reads. A call
 * that hits a limit or is cancelled leaves the sandbox {@link #broken()}, and one that allocated more than the
 * per-sandbox bound over its life is {@link #spent()}: the pool closes either instead of reusing it.
 */
final class JsSandbox implements AutoCloseable {

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A module's top level on a cold interpreter takes a second or more. */
    private static final Duration SETUP_BUDGET = Duration.ofSeconds(15);
    /**
     * The bootstrap is the host's own finite code, but the first one in a JVM initialises Truffle and counts every
     * statement: over 15 s on a loaded 2-core box (a cold review JVM pays it for every package). Only a stuck engine
     * would reach this bound.
     */
    private static final Duration BOOTSTRAP_BUDGET = Duration.ofMinutes(5);

    /** The running call: its deadline, the platform thread running it and what that thread had allocated when it began. */
    private record Running(long due, long threadId, long allocatedAtStart, long memoryBudget) {
    }

    /** States of {@link #running} other than a call: cancelled for time or for memory (null: no call running). */
    private static final Running TIMED_OUT = new Running(0, -1, 0, 0);
    private static final Running OVER_MEMORY = new Running(0, -1, 0, 0);

    private final JsEngine engine;
    private final Context context;
    private final AtomicReference<Running> running = new AtomicReference<>();
    private Value trampoline;
    private Value exports;
    /** Bytes allocated by this sandbox's calls since it was created; written and read by the thread that holds it. */
    private long allocated;
    private volatile boolean broken;

    private JsSandbox(JsEngine engine) {
        this.engine = engine;
        this.context = engine.newContext();
        engine.watchdog().watch(this);
    }

    /**
     * Creates a context, runs the bootstrap and evaluates {@code module} in it; the module's top level runs under the
     * same memory budget as a call.
     *
     * @throws JsPackageException when the module does not parse, its top level fails or exceeds a limit
     */
    static JsSandbox create(JsEngine engine, Source module) {
        JsSandbox sandbox = new JsSandbox(engine);
        try {
            Duration budget = SETUP_BUDGET.compareTo(engine.limits().timeBudget()) > 0 ? SETUP_BUDGET : engine.limits().timeBudget();
            // the bootstrap is the host's own code: its allocation counts towards the sandbox, not against a call's budget
            sandbox.trampoline = sandbox.guarded(BOOTSTRAP_BUDGET, Long.MAX_VALUE, () -> sandbox.context.eval(engine.bootstrap()));
            sandbox.exports = sandbox.guarded(budget, engine.limits().callMemory(), () -> sandbox.context.eval(module));
            return sandbox;
        } catch (PluginException e) {
            sandbox.close();
            if (e.getCause() instanceof PolyglotException guest && guest.isGuestException() && !guest.isCancelled()) {
                throw JsErrors.packageProblem(module.getName(), guest);
            }
            throw new JsPackageException(module.getName(), 0, "evaluating the module failed: " + e.getMessage(), e);
        }
    }

    /**
     * Calls an exported function.
     *
     * @return the JSON text of the result, or null when the module does not export {@code function}
     */
    String call(String function, JsArgs args) {
        Object[] values = args.values(exports, function);
        String result = guarded(engine.limits().timeBudget(), engine.limits().callMemory(), () -> trampoline.execute(values).asString());
        return JsBootstrap.NOT_EXPORTED.equals(result) ? null : result;
    }

    /** @return whether the module exports a function named {@code name} */
    boolean exportsFunction(String name) {
        Value member = exports.getMember(name);
        return member != null && member.canExecute();
    }

    /** @return whether a call failed inside the guest; such a sandbox must not be reused */
    boolean broken() {
        return broken;
    }

    /** @return whether this sandbox allocated more than the per-sandbox bound since it was created; it must not be reused */
    boolean spent() {
        return allocated > engine.limits().sandboxMemory();
    }

    private <T> T guarded(Duration budget, long memoryBudget, Supplier<T> action) {
        if (Thread.currentThread().isVirtual()) {
            return engine.onPlatformThread(() -> guarded(budget, memoryBudget, action));
        }
        context.resetLimits();
        long allocatedAtStart = THREADS.getCurrentThreadAllocatedBytes();
        Running call = new Running(System.nanoTime() + budget.toNanos(), Thread.currentThread().threadId(), allocatedAtStart, memoryBudget);
        running.set(call);
        try {
            T value = action.get();
            if (!running.compareAndSet(call, null)) {
                throw cancelled(budget, memoryBudget, null);
            }
            return value;
        } catch (PolyglotException e) {
            if (running.get() != call) {
                throw cancelled(budget, memoryBudget, e);
            }
            // a script that merely threw leaves a usable context (its intrinsics and globals are frozen); one that
            // hit a limit, was cancelled or broke inside the engine does not. Rebuilding a context on every throw
            // would let a throwing plugin burn the CPU its neighbours need.
            broken = !e.isGuestException() || e.isCancelled() || e.isResourceExhausted() || e.isInterrupted()
                    || e.isExit() || e.isInternalError() || e.isSyntaxError();
            throw JsErrors.callFailure(e);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // a host-side failure of the polyglot machinery (or a single allocation the heap could not hold): the context's
            // state is unknown
            broken = true;
            throw running.get() != call ? cancelled(budget, memoryBudget, e) : JsErrors.unexpected(e);
        } finally {
            running.compareAndSet(call, null);
            allocated += THREADS.getCurrentThreadAllocatedBytes() - allocatedAtStart;
        }
    }

    /**
     * Called by the watchdog: cancels the running call if it is past its deadline at {@code now} or its thread has
     * allocated more than its memory budget, leaving the sandbox broken (closed, never reused). Never blocks: the
     * context is closed on another thread. The compare-and-set on the running call itself means a call that ended
     * meanwhile, or the next call on this sandbox, is never cancelled in its place.
     */
    void enforce(long now) {
        Running call = running.get();
        if (call == null || call == TIMED_OUT || call == OVER_MEMORY) {
            return;
        }
        Running verdict = now - call.due() >= 0 ? TIMED_OUT
                : THREADS.getThreadAllocatedBytes(call.threadId()) - call.allocatedAtStart() > call.memoryBudget() ? OVER_MEMORY
                : null;
        if (verdict != null && running.compareAndSet(call, verdict)) {
            broken = true;
            engine.closeLater(this::closeQuietly);
        }
    }

    private PluginException cancelled(Duration budget, long memoryBudget, Throwable cause) {
        broken = true;
        if (running.get() == OVER_MEMORY) {
            return new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "MEMORY_BUDGET_EXCEEDED",
                    "the script allocated more than " + (memoryBudget >> 20) + " MiB", cause);
        }
        return new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "TIME_BUDGET_EXCEEDED",
                "the script ran longer than " + budget.toMillis() + " ms", cause);
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        engine.watchdog().forget(this);
        try {
            context.close(true);
        } catch (PolyglotException | IllegalStateException e) {
            // a context that hit a resource limit rethrows it on close; it is gone either way
        }
    }
}
