package dev.mallkit.host.guard;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One plugin call as a plugin-call thread runs it, and the OS thread running it as its caller sees it.
 *
 * <p>Everything that ends the call (the bulkhead slot freed, the thread's priority restored, the thread
 * offered for the next call) happens before the result is published: a caller that sees the result and
 * calls again finds the slot free and this thread ready. The caller may demote the thread while the call
 * runs, never after (the thread would by then serve another call). A call runs at most once, on whichever
 * thread claims it first: a batch ({@link GuardedInvoker#callEach}) may hand a call that its thread has not
 * reached yet to a thread of its own.
 */
final class GuardedCall<R> extends FutureTask<R> {
    /** Ends a thread whose priority could not be restored, so no later call runs demoted. */
    static final class Retired extends RuntimeException {
        Retired() {
            super("plugin call thread retired at low priority", null, false, false);
        }
    }

    private static final ThreadLocal<Integer> TID = new ThreadLocal<>();
    private enum Phase { QUEUED, RUNNING, DONE }

    private final Semaphore bulkhead;
    private final Optional<CpuPriority> priority;
    private final AtomicBoolean claimed = new AtomicBoolean();
    /** Guarded by {@code this}: where the call is, and whether its caller asked for, or got, a demotion. */
    private Phase phase = Phase.QUEUED;
    private boolean demotionAsked;
    private boolean demoted;
    private int tid;
    /** Touched by the running thread only. */
    private boolean ended;
    private boolean offersThread = true;
    private boolean retire;

    GuardedCall(Callable<R> work, Semaphore bulkhead, Optional<CpuPriority> priority) {
        super(work);
        this.bulkhead = bulkhead;
        this.priority = priority;
    }

    /** Runs the call on this thread unless another thread claimed it; offers the thread for the next call as it ends. */
    @Override
    public void run() {
        if (runHere(true)) {
            throw new Retired();
        }
    }

    /**
     * Runs the call on this thread unless another thread claimed it.
     *
     * @param offerThread whether the thread offers itself for the next call as this call ends (not while a batch still
     *                    has calls for it)
     * @return whether the thread must end: its priority could not be restored
     */
    boolean runHere(boolean offerThread) {
        if (!claimed.compareAndSet(false, true)) {
            return false;
        }
        offersThread = offerThread;
        started();
        try {
            super.run();
        } finally {
            // cancelled before it ran: nothing was published, the slot is freed here
            end();
        }
        return retire;
    }

    /** @return whether no thread has taken the call yet */
    boolean unclaimed() {
        return !claimed.get();
    }

    /** By the caller, once the call has taken longer than it should at full priority. */
    synchronized void demote(CpuPriority cpu) {
        demotionAsked = true;
        if (phase == Phase.RUNNING && !demoted) {
            demoted = cpu.set(tid, CpuPriority.LOWEST);
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

    /** On the running thread, before the call: a demotion asked while the call was still queued applies now. */
    private void started() {
        if (priority.isEmpty()) {
            return;
        }
        synchronized (this) {
            Integer known = TID.get();
            if (known == null) {
                known = priority.get().currentThreadId();
                TID.set(known);
            }
            tid = known;
            if (demotionAsked) {
                demoted = priority.get().set(tid, CpuPriority.LOWEST);
            }
            phase = Phase.RUNNING;
        }
    }

    /** The slot is freed when the thread leaves the work, not when the caller stops waiting. */
    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        bulkhead.release();
        retire = !restorePriority();
        if (!retire && offersThread) {
            CallThreads.nextCallMayCome();
        }
    }

    /** @return false when the thread's normal priority could not be restored (the thread must end) */
    private boolean restorePriority() {
        if (priority.isEmpty()) {
            return true;
        }
        boolean restore;
        synchronized (this) {
            phase = Phase.DONE;
            restore = demoted;
        }
        return !restore || priority.get().set(tid, CpuPriority.NORMAL);
    }
}
