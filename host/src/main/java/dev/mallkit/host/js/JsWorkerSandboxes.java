package dev.mallkit.host.js;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandboxes of one plugin version when JavaScript runs in worker processes: each store's calls go to a worker of
 * their own (a {@link Seat}), where the module runs in {@link JsSandboxes} exactly as it would in the host. Calls
 * without a store (a config's {@code validate} or {@code limits} at enable time) share a seat of their own, and each
 * runs in a fresh context there. The worker that evaluated the module at load has served no call: the first store to
 * call takes it, so a version's first store pays no second load, and a warm-up waits for a spare worker, so the next
 * store pays a load and not a JVM start inside its call's time budget.
 */
final class JsWorkerSandboxes implements JsRunner {

    /** The seat of calls without a store; no store id is empty. */
    private static final String NO_STORE = "";

    private final JsWorkerPool pool;
    private final String name;
    private final String script;
    private final ConcurrentHashMap<String, Seat> seats = new ConcurrentHashMap<>();
    /** The seat whose worker evaluated the module at warm-up and has served no call, or null. */
    private final AtomicReference<Seat> pristine = new AtomicReference<>();
    private final AtomicLong created = new AtomicLong();
    private volatile List<String> required = List.of();
    private volatile boolean closed;

    /**
     * A store's claim on a worker: the worker's tenant. Assigned once by the first call that finds the seat without a
     * worker; a lost worker empties the seat and the next call takes the seat's place in the map with a new one.
     */
    private final class Seat implements JsWorkerPool.Tenant {
        private volatile JsWorker worker;
        /** The store this seat serves, once a call placed it; null while it waits as the pristine seat. */
        private volatile String key;

        /** @return this seat's worker, loading the module into one first if it has none */
        synchronized JsWorker worker() {
            if (worker == null) {
                JsWorker taken = pool.acquire(this);
                try {
                    taken.load(name, script, required);
                    created.incrementAndGet();
                } catch (RuntimeException e) {
                    pool.release(taken, this);
                    throw e;
                }
                worker = taken;
            }
            return worker;
        }

        @Override
        public void lost(JsWorker lost) {
            String placed = key;
            if (placed != null) {
                seats.remove(placed, this);
            }
            pristine.compareAndSet(this, null);
        }

        void release() {
            JsWorker current = worker;
            if (current != null) {
                pool.release(current, this);
            }
        }
    }

    JsWorkerSandboxes(JsWorkerPool pool, String name, String script) {
        this.pool = requireNonNull(pool, "pool is null");
        this.name = requireNonNull(name, "name is null");
        this.script = requireNonNull(script, "script is null");
    }

    @Override
    public List<String> warmUp(List<String> required) {
        this.required = List.copyOf(required);
        Seat seat = new Seat();
        JsWorker worker = pool.acquire(seat);
        List<String> missing;
        try {
            missing = worker.load(name, script, required);
            created.incrementAndGet();
        } catch (RuntimeException e) {
            pool.release(worker, seat);
            throw e;
        }
        seat.worker = worker;
        if (closed || !pristine.compareAndSet(null, seat)) {
            seat.release();
        }
        pool.awaitSpare();
        return missing;
    }

    @Override
    public String call(String storeId, String function, JsArgs args) {
        String key = storeId == null ? NO_STORE : storeId;
        while (true) {
            if (closed) {
                throw new IllegalStateException("the plugin has been closed");
            }
            Seat seat = seats.computeIfAbsent(key, store -> {
                Seat unused = pristine.getAndSet(null);
                Seat placed = unused != null ? unused : new Seat();
                placed.key = store;
                return placed;
            });
            JsWorker worker = seat.worker();
            if (worker.enter(seat)) {
                try {
                    return worker.call(storeId, function, args);
                } finally {
                    worker.leave();
                }
            }
            // the worker ended or was given to another tenant between the lookup and the call: find the seat again
            seats.remove(key, seat);
        }
    }

    @Override
    public long created() {
        return created.get();
    }

    @Override
    public void close() {
        closed = true;
        seats.values().forEach(Seat::release);
        seats.clear();
        Seat unused = pristine.getAndSet(null);
        if (unused != null) {
            unused.release();
        }
    }
}
