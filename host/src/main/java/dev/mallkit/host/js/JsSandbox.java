package dev.mallkit.host.js;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int TIMED_OUT = 2;

    /** Creating a sandbox runs the bootstrap, which takes a cold interpreter a second or more. */
    private static final Duration SETUP_BUDGET = Duration.ofSeconds(15);

    private final JsEngine engine;
    private final Context context;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private Value trampoline;
    private Value exports;
    private volatile boolean broken;

    private JsSandbox(JsEngine engine) {
        this.engine = engine;
        this.context = engine.newContext();
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
     * Calls an exported function with a JSON array of arguments.
     *
     * @return the JSON text of the result, or null when the module does not export {@code function}
     */
    String call(String function, String argsJson) {
        String result = guarded(engine.limits().timeBudget(), () -> trampoline.execute(exports, function, argsJson).asString());
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
        state.set(RUNNING);
        ScheduledFuture<?> timer = engine.watchdog().schedule(this::timeOut, budget.toNanos(), TimeUnit.NANOSECONDS);
        try {
            T value = action.get();
            if (!state.compareAndSet(RUNNING, IDLE)) {
                throw timeBudgetExceeded(budget, null);
            }
            return value;
        } catch (PolyglotException e) {
            if (state.get() == TIMED_OUT) {
                throw timeBudgetExceeded(budget, e);
            }
            // a script that merely threw leaves a usable context (its intrinsics and globals are frozen); one that
            // hit a limit, was cancelled or broke inside the engine does not. Rebuilding a context on every throw
            // would let a throwing plugin burn the CPU its neighbours need.
            broken = !e.isGuestException() || e.isCancelled() || e.isResourceExhausted() || e.isInterrupted()
                    || e.isExit() || e.isInternalError() || e.isSyntaxError();
            state.compareAndSet(RUNNING, IDLE);
            throw JsErrors.callFailure(e);
        } catch (RuntimeException | StackOverflowError e) {
            // a host-side failure of the polyglot machinery: the context's state is unknown
            broken = true;
            throw state.get() == TIMED_OUT ? timeBudgetExceeded(budget, e) : JsErrors.unexpected(e);
        } finally {
            timer.cancel(false);
        }
    }

    private void timeOut() {
        if (state.compareAndSet(RUNNING, TIMED_OUT)) {
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
        try {
            context.close(true);
        } catch (PolyglotException | IllegalStateException e) {
            // a context that hit a resource limit rethrows it on close; it is gone either way
        }
    }
}
