package dev.mallkit.host.guard;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Runs guarded plugin calls: a cached pool of daemon <em>platform</em> threads, never virtual ones, since a plugin
 * stuck in {@code while (true) {}} would pin a virtual thread's carrier forever, and only a platform thread has an OS
 * thread of its own to demote ({@link CpuPriority}). Unbounded, as each key's bulkhead bounds what one plugin holds;
 * a thread idle for {@link #KEEP_ALIVE_SECONDS} ends.
 *
 * <p>This is the executor only: which calls may run, for how long, and what their outcome means is the guard's
 * policy ({@link GuardedInvoker}).
 */
final class CallExecutor implements AutoCloseable {
    /** How long an idle thread waits for another call before it ends. */
    static final long KEEP_ALIVE_SECONDS = 30;

    private final Optional<CpuPriority> priority;
    private final ThreadPoolExecutor threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
            new SynchronousQueue<>(), Thread.ofPlatform().daemon().name("mallkit-plugin-call-", 0)
                    .uncaughtExceptionHandler(CallExecutor::threadEnded).factory());

    /** @param priority how calls are demoted, or empty when they never are */
    CallExecutor(Optional<CpuPriority> priority) {
        this.priority = requireNonNull(priority, "priority is null");
    }

    /**
     * Starts {@code work} on a thread of its own.
     *
     * @param onEnd runs on that thread as the work ends, before its result is published
     * @throws RejectedExecutionException once closed
     */
    <R> RunningCall<R> start(Callable<R> work, Runnable onEnd) {
        RunningCall<R> call = new RunningCall<>(work, onEnd, priority);
        threads.execute(call);
        return call;
    }

    /** Interrupts the running calls (they are abandoned) and refuses new ones. */
    @Override
    public void close() {
        threads.shutdownNow();
    }

    private static void threadEnded(Thread thread, Throwable failure) {
        if (!(failure instanceof RunningCall.Retired)) {
            LoggerFactory.getLogger(CallExecutor.class).error("plugin call thread {} died", thread.getName(), failure);
        }
    }
}
