package dev.mallkit.host.guard;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static java.util.Objects.requireNonNull;

/**
 * The platform threads that run plugin calls. Unbounded, like a cached thread pool (each key's bulkhead
 * bounds what one plugin can hold), but a thread that has just finished a call spins for
 * {@link #IDLE_SPIN_NANOS} waiting for the next one before it parks, when no other thread spins already.
 * A hand-off to a parked thread costs a futex wake-up and a context switch, several microseconds, while a
 * plugin call itself usually takes one; under a steady flow of calls the next one arrives while the spinner
 * still spins, and the hand-off is a few cache-line transfers. At most one thread spins, and it yields the
 * core every few iterations, so on a busy machine it gives way to runnable work.
 *
 * <p>A call may announce its end before it returns ({@link #nextCallMayCome()}): its caller learns the
 * result at that moment and often hands the next call over at once, which this thread then takes instead
 * of a second thread being woken. The most recently idle thread is handed the next call; a thread idle for
 * the keep-alive ends.
 */
final class CallThreads implements Executor, AutoCloseable {
    /** How long the thread that finished a call last spins for the next one before it parks. */
    static final long IDLE_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** Marks a thread that has ended: it takes no further call. */
    private static final Runnable RETIRED = () -> {
    };
    private static final ThreadLocal<Lane> CURRENT = new ThreadLocal<>();

    private final AtomicReference<Lane> spinner = new AtomicReference<>();
    private final AdaptiveSpin idleSpin = new AdaptiveSpin(IDLE_SPIN_NANOS);
    private final ConcurrentLinkedDeque<Lane> parked = new ConcurrentLinkedDeque<>();
    private final Set<Lane> lanes = ConcurrentHashMap.newKeySet();
    private final Thread.Builder threads;
    private final long keepAliveNanos;
    private final AtomicInteger started = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param threads        builds the threads (named, daemon, with their uncaught-exception handler)
     * @param keepAliveNanos how long a thread waits for a call before it ends
     */
    CallThreads(Thread.Builder threads, long keepAliveNanos) {
        this.threads = requireNonNull(threads, "threads is null");
        this.keepAliveNanos = keepAliveNanos;
    }

    /**
     * Called by a call, on its thread, once nothing it still does can delay or fail the next call: the thread
     * offers itself for the next call now rather than after the call returns. No effect off these threads.
     */
    static void nextCallMayCome() {
        Lane lane = CURRENT.get();
        if (lane != null) {
            lane.idle();
        }
    }

    /** Runs {@code call} on the spinning thread, else on a parked one, else on a new one. */
    @Override
    public void execute(Runnable call) {
        requireNonNull(call, "call is null");
        if (closed) {
            throw new RejectedExecutionException("plugin call threads are closed");
        }
        Lane spinning = spinner.getAndSet(null);
        if (spinning != null && spinning.offer(call)) {
            return;
        }
        for (Lane lane = parked.pollFirst(); lane != null; lane = parked.pollFirst()) {
            if (lane.offer(call)) {
                return;
            }
        }
        Lane lane = new Lane(call);
        lane.thread = threads.unstarted(lane);
        lanes.add(lane);
        lane.thread.start();
        started.incrementAndGet();
    }

    /** @return how many threads were started so far (a measure of reuse) */
    int threadsStarted() {
        return started.get();
    }

    /** Stops taking calls and interrupts every thread (a running call is abandoned). */
    @Override
    public void close() {
        closed = true;
        lanes.forEach(lane -> {
            lane.next.compareAndSet(null, RETIRED);
            lane.thread.interrupt();
        });
    }

    /** One thread and the call it is handed: {@code null} while it waits for one. */
    private final class Lane implements Runnable {
        private final AtomicReference<Runnable> next;
        private volatile boolean sleeping;
        private Thread thread;
        /** Whether this lane has offered itself for the next call since it took the current one (its own thread only). */
        private boolean offered;
        private boolean spins;
        private long spinLimit;

        Lane(Runnable first) {
            next = new AtomicReference<>(first);
        }

        /** @return whether this lane took {@code call} (false: it has ended) */
        boolean offer(Runnable call) {
            if (!next.compareAndSet(null, call)) {
                return false;
            }
            if (sleeping) {
                LockSupport.unpark(thread);
            }
            return true;
        }

        /** On this lane's thread: ready for the next call (which it runs once the current one returns). */
        void idle() {
            if (offered) {
                return;
            }
            offered = true;
            next.set(null);
            spinLimit = idleSpin.nanos();
            spins = spinLimit > 0 && spinner.compareAndSet(null, this);
            if (!spins) {
                parked.addFirst(this);
            }
        }

        @Override
        public void run() {
            CURRENT.set(this);
            try {
                for (Runnable call = next.get(); call != RETIRED && !closed; call = await()) {
                    offered = false;
                    call.run();
                    // an abandoned call is cancelled by interrupting its thread: the next call must not see that
                    Thread.interrupted();
                    idle();
                }
            } finally {
                Runnable handed = next.getAndSet(RETIRED);
                lanes.remove(this);
                if (offered && handed != null && handed != RETIRED && !closed) {
                    // the call ended in a failure after this lane had offered itself: pass what it was handed on
                    execute(handed);
                }
            }
        }

        /** @return the next call, or {@link #RETIRED} once idle for the keep-alive (or closed) */
        private Runnable await() {
            long start = System.nanoTime();
            if (spins) {
                for (int i = 1; System.nanoTime() - start < spinLimit; i++) {
                    Runnable call = next.get();
                    if (call != null) {
                        idleSpin.record(true);
                        return call;
                    }
                    if ((i & 63) == 0) {
                        Thread.yield();
                    } else {
                        Thread.onSpinWait();
                    }
                }
                // join the parked threads before leaving the spinner's place, so a caller in between finds this one in
                // either (a caller that took it from the spinner's place meanwhile is handing it a call: the entry
                // added here is then stale, and a later offer to it fails and drops it)
                parked.addFirst(this);
                if (spinner.compareAndSet(this, null)) {
                    idleSpin.record(false);
                }
            }
            long deadline = start + keepAliveNanos;
            sleeping = true;
            try {
                while (true) {
                    Runnable call = next.get();
                    if (call != null) {
                        return call;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || closed) {
                        // a caller may hand a call over between the read above and this: then it runs
                        return next.compareAndSet(null, RETIRED) ? RETIRED : next.get();
                    }
                    LockSupport.parkNanos(this, left);
                }
            } finally {
                sleeping = false;
            }
        }
    }
}
