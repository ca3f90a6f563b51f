package dev.mallkit.host.guard;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One plugin call on a pooled thread of {@link CallExecutor}, and that thread as the waiting caller sees it.
 *
 * <p>The call ends (its {@code onEnd} runs, its thread's normal CPU priority is restored) before its result is
 * published, so a caller that has the result and calls again finds its bulkhead slot free. The slot is freed when the
 * thread leaves the work, not when the caller stops waiting: a call abandoned at its budget keeps it until it really
 * returns. The caller may demote the thread while the call runs, never after (the thread then serves another call).
 */
final class RunningCall<R> extends FutureTask<R> {
    /** Ends a pooled thread whose normal priority could not be restored, so no later call runs demoted. */
    static final class Retired extends RuntimeException {
        Retired() {
            super("plugin call thread retired at low priority", null, false, false);
        }
    }

    private static final ThreadLocal<Integer> OS_THREAD_ID = new ThreadLocal<>();

    private final Runnable onEnd;
    private final Optional<CpuPriority> priority;
    /** Guarded by {@code this}: where the call is, and whether its caller asked for, or got, a demotion. */
    private boolean running;
    private boolean ended;
    private boolean demotionAsked;
    private boolean demoted;
    private int osThreadId;
    /** Touched by the running thread only. */
    private boolean released;
    private boolean retire;

    RunningCall(Callable<R> work, Runnable onEnd, Optional<CpuPriority> priority) {
        super(work);
        this.onEnd = onEnd;
        this.priority = priority;
    }

    @Override
    public void run() {
        started();
        try {
            super.run();
        } finally {
            // cancelled before it ran: nothing was published, the slot is freed here
            end();
        }
        if (retire) {
            throw new Retired();
        }
    }

    /**
     * Waits for the result until {@code deadline}, moving the call's thread to the lowest CPU priority at
     * {@code demoteAt} (both {@link System#nanoTime}); no demotion when {@code priority} is empty.
     */
    R await(long demoteAt, long deadline) throws InterruptedException, ExecutionException, TimeoutException {
        if (priority.isPresent() && !doneBy(demoteAt)) {
            demote(priority.get());
        }
        if (!doneBy(deadline)) {
            throw new TimeoutException();
        }
        return get();
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

    private boolean doneBy(long until) throws InterruptedException {
        long left = until - System.nanoTime();
        if (left > 0 && !isDone()) {
            try {
                get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException | CancellationException e) {
                // done or not, as isDone says
            }
        }
        return isDone();
    }

    private synchronized void demote(CpuPriority cpu) {
        demotionAsked = true;
        if (running && !ended && !demoted) {
            demoted = cpu.set(osThreadId, CpuPriority.LOWEST);
        }
    }

    /** On the running thread: a demotion asked while the call still waited for its thread applies now. */
    private void started() {
        if (priority.isEmpty()) {
            return;
        }
        Integer known = OS_THREAD_ID.get();
        if (known == null) {
            known = priority.get().currentThreadId();
            OS_THREAD_ID.set(known);
        }
        synchronized (this) {
            osThreadId = known;
            running = true;
            if (demotionAsked) {
                demoted = priority.get().set(osThreadId, CpuPriority.LOWEST);
            }
        }
    }

    private void end() {
        if (released) {
            return;
        }
        released = true;
        boolean restore;
        synchronized (this) {
            ended = true;
            restore = demoted;
        }
        retire = restore && !priority.orElseThrow().set(osThreadId, CpuPriority.NORMAL);
        onEnd.run();
    }
}
