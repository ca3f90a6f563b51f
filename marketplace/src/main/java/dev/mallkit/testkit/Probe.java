package dev.mallkit.testkit;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Calls an extension the way the conformance kit needs: twice with the same input, on a worker
 * thread so a runaway call cannot hang the run, timing the second (warm) call against the budget.
 */
final class Probe implements AutoCloseable {
    private final String point;
    private final Duration budget;
    private final Duration hardLimit;
    private final List<Violation> out;
    private ExecutorService worker = newWorker();
    private int calls;

    Probe(String point, Duration budget, List<Violation> out) {
        this.point = point;
        this.budget = budget;
        this.hardLimit = budget.multipliedBy(10).compareTo(Duration.ofSeconds(2)) > 0 ? budget.multipliedBy(10) : Duration.ofSeconds(2);
        this.out = out;
    }

    /**
     * @return the decision, or empty when the call failed (a violation is recorded) or refused the
     * input with a {@link ErrorCategory#USER_ERROR} {@link PluginException}, the API's way to say no
     */
    <T> Optional<T> twice(String what, Supplier<T> call) {
        Optional<Outcome<T>> first = once(what, call);
        Optional<Outcome<T>> second = first.isEmpty() ? Optional.empty() : once(what, call);
        if (first.isEmpty() || second.isEmpty()) {
            return Optional.empty();
        }
        if (second.get().nanos() > budget.toNanos()) {
            violation("OVER_BUDGET", what + " took " + second.get().nanos() / 1_000_000 + " ms, over the " + budget.toMillis() + " ms budget");
        }
        T a = first.get().value();
        T b = second.get().value();
        if (!Objects.equals(a, b)) {
            violation("NONDETERMINISTIC", what + " returned " + a + " then " + b);
        }
        return Optional.ofNullable(a);
    }

    void require(boolean condition, String code, String message) {
        if (!condition) {
            violation(code, message);
        }
    }

    int calls() {
        return calls;
    }

    private record Outcome<T>(T value, long nanos) {
    }

    private <T> Optional<Outcome<T>> once(String what, Supplier<T> call) {
        calls++;
        Future<Outcome<T>> future = worker.submit(() -> {
            long start = System.nanoTime();
            T value = call.get();
            return new Outcome<>(value, System.nanoTime() - start);
        });
        try {
            Outcome<T> outcome = future.get(hardLimit.toMillis(), TimeUnit.MILLISECONDS);
            if (outcome.value() == null) {
                violation("NULL_RESULT", what + " returned null");
                return Optional.empty();
            }
            return Optional.of(outcome);
        } catch (TimeoutException e) {
            future.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            violation("OVER_BUDGET", what + " did not return within " + hardLimit.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (thrownByApiValueType(cause)) {
                violation("INVALID_DECISION", what + " built a decision the API refuses: " + cause.getMessage());
            } else if (!(cause instanceof PluginException refusal && refusal.category() == ErrorCategory.USER_ERROR)) {
                violation("UNEXPECTED_EXCEPTION", what + " threw " + cause);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            violation("INTERRUPTED", what + " was interrupted");
        }
        return Optional.empty();
    }

    /** The API's records validate in their constructors: negative points, splits or values fail there. */
    private static boolean thrownByApiValueType(Throwable cause) {
        StackTraceElement[] trace = cause.getStackTrace();
        return cause instanceof IllegalArgumentException && trace.length > 0
                && trace[0].getClassName().startsWith("dev.mallkit.api.") && trace[0].getMethodName().equals("<init>");
    }

    private void violation(String code, String message) {
        out.add(new Violation(point, code, message));
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "mallkit-conformance");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
