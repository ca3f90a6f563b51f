package dev.mallkit.host.js;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * One sandboxed context with a plugin module evaluated in it. Used by one thread at a time (the
 * pool hands it out exclusively). Every call runs with a fresh statement budget and under the
 * engine's time budget; a call that hits a limit or is cancelled leaves the sandbox {@link #broken()}, and
 * the pool closes it instead of reusing it.
 */
final class JsSandbox implements AutoCloseable {

    /** Deadline values that are states: no call running, and a call the watchdog cancelled. */
    private static final long IDLE = 0;
    private static final long TIMED_OUT = Long.MIN_VALUE;

    /** Creating a sandbox runs the bootstrap, which takes a cold interpreter a second or more. */
    private static final Duration SETUP_BUDGET = Duration.ofSeconds(15);

    private final JsEngine engine;
    private final Context context;
    /** The running call's {@link System#nanoTime()} deadline, or {@link #IDLE} or {@link #TIMED_OUT}. */
    private final AtomicLong deadline = new AtomicLong(IDLE);
    private Value trampoline;
    private Value exports;
    private volatile boolean broken;

    private JsSandbox(JsEngine engine) {
        this.engine = engine;
        this.context = engine.newContext();
        engine.watchdog().watch(this);
    }

    /**
     * Creates a context, runs the bootstrap and evaluates {@code module} in it.
     *
     * @throws JsPackageException when the module does not parse or its top level fails
     */
    static JsSandbox create(JsEngine engine, Source module) {
        JsSandbox sandbox = new JsSandbox(engine);
        try {
            Duration budget = SETUP_BUDGET.compareTo(engine.limits().timeBudget()) > 0 ? SETUP_BUDGET : engine.limits().timeBudget();
            sandbox.trampoline = sandbox.guarded(budget, () -> sandbox.context.eval(engine.bootstrap()));
            sandbox.exports = sandbox.guarded(budget, () -> sandbox.context.eval(module));
            return sandbox;
        } catch (PluginException e) {
            sandbox.close();
            if (e.getCause() instanceof PolyglotException guest && guest.isGuestException()) {
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
        String result = guarded(engine.limits().timeBudget(), () -> trampoline.execute(values).asString());
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

    private <T> T guarded(Duration budget, Supplier<T> action) {
        context.resetLimits();
        long until = System.nanoTime() + budget.toNanos();
        // a deadline never equals a state value (one nanosecond later changes nothing)
        long due = until == IDLE || until == TIMED_OUT ? until + 1 : until;
        deadline.set(due);
        try {
            T value = action.get();
            if (!deadline.compareAndSet(due, IDLE)) {
                throw timeBudgetExceeded(budget, null);
            }
            return value;
        } catch (PolyglotException e) {
            if (deadline.get() == TIMED_OUT) {
                throw timeBudgetExceeded(budget, e);
            }
            // a script that merely threw leaves a usable context (its intrinsics and globals are frozen); one that
            // hit a limit, was cancelled or broke inside the engine does not. Rebuilding a context on every throw
            // would let a throwing plugin burn the CPU its neighbours need.
            broken = !e.isGuestException() || e.isCancelled() || e.isResourceExhausted() || e.isInterrupted()
                    || e.isExit() || e.isInternalError() || e.isSyntaxError();
            throw JsErrors.callFailure(e);
        } catch (RuntimeException | StackOverflowError e) {
            // a host-side failure of the polyglot machinery: the context's state is unknown
            broken = true;
            throw deadline.get() == TIMED_OUT ? timeBudgetExceeded(budget, e) : JsErrors.unexpected(e);
        } finally {
            deadline.compareAndSet(due, IDLE);
        }
    }

    /**
     * Called by the watchdog: cancels the running call if it is past its deadline at {@code now}, leaving the
     * sandbox broken (closed, never reused). The compare-and-set on the deadline itself means a call that
     * ended meanwhile, or the next call on this sandbox, is never cancelled in its place.
     */
    void expireIfOverdue(long now) {
        long due = deadline.get();
        if (due != IDLE && due != TIMED_OUT && now - due >= 0 && deadline.compareAndSet(due, TIMED_OUT)) {
            broken = true;
            closeQuietly();
        }
    }

    private PluginException timeBudgetExceeded(Duration budget, Throwable cause) {
        broken = true;
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
