package dev.mallkit.host.js;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * The JavaScript worker processes of one host: each runs the module of one plugin version for one store
 * ({@link JsWorkerSandboxes}), so the worker's heap is that sandbox's hard memory bound and running out of it ends that
 * sandbox only. At most {@code maxWorkers} run at once. A tenant without a worker takes a warm spare, or starts a
 * worker while there is room, or waits for one that is starting, or takes the worker that has been idle longest from
 * its tenant (which loses its module state, as a closed sandbox does); when every worker has a call inside, it waits. One spare is kept warm once the
 * first worker is asked for, so a new store pays a module load, not a JVM start. A host whose stores run no
 * JavaScript starts no worker at all.
 */
public final class JsWorkerPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JsWorkerPool.class);
    /** How long a tenant waits for a worker when every one is busy. */
    private static final Duration WAIT_FOR_WORKER = Duration.ofSeconds(10);

    /** Something a worker can belong to: told when the pool takes its worker away. */
    interface Tenant {
        void lost(JsWorker worker);
    }

    private final JsWorkerLauncher launcher;
    private final int maxWorkers;
    private final AtomicLong numbers = new AtomicLong();
    // guarded by this
    private final Deque<JsWorker> spares = new ArrayDeque<>();
    /** Workers that belong to a tenant; each worker knows which ({@link JsWorker#tenant()}). */
    private final Set<JsWorker> occupied = new LinkedHashSet<>();
    private int starting;
    private boolean closed;

    private JsWorkerPool(JsWorkerLauncher launcher, int maxWorkers) {
        this.launcher = requireNonNull(launcher, "launcher is null");
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("at least one JavaScript worker is needed: " + maxWorkers);
        }
        this.maxWorkers = maxWorkers;
    }

    /**
     * @param limits       the budgets of every call, enforced inside each worker
     * @param maxWorkers   how many worker processes may run at once
     * @param heapMiB      each worker's heap
     * @param privateRoots the host's private directories (data, keys, plugins), never in a worker's reach
     */
    public static JsWorkerPool create(JsLimits limits, int maxWorkers, int heapMiB, List<Path> privateRoots) {
        return new JsWorkerPool(JsWorkerLauncher.create(limits, heapMiB, privateRoots), maxWorkers);
    }

    /** @return the budgets of every call */
    public JsLimits limits() {
        return launcher.limits();
    }

    /**
     * @return {@code compiled} or {@code interpreted}, as guest code runs in the workers, once one has started;
     *         {@code idle} before; never blocks
     */
    public String currentMode() {
        return numbers.get() == 0 ? "idle" : launcher.compiled() ? "compiled" : "interpreted";
    }

    /**
     * @return how the workers are kept from the host: {@code jail} (bubblewrap) or {@code process} (own heap, empty
     *         environment), {@code pending} until the first worker starts
     */
    public String isolation() {
        return launcher.isolation();
    }

    /** @return each worker's heap, the hard memory bound of one store's sandboxes of one plugin version */
    public int heapMiB() {
        return launcher.heapMiB();
    }

    /** @return how many workers are running or starting */
    public synchronized int workers() {
        return spares.size() + occupied.size() + starting;
    }

    /** @return a worker that belongs to {@code tenant}, with nothing loaded for it yet (a spare may hold nothing, a taken one another module) */
    JsWorker acquire(Tenant tenant) {
        long deadline = System.nanoTime() + WAIT_FOR_WORKER.toNanos();
        while (true) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the JavaScript workers have been closed");
                }
                JsWorker worker = spares.pollFirst();
                if (worker == null && workers() >= maxWorkers && starting == 0) {
                    // a worker about to start is waited for rather than taking another store's
                    worker = takeIdlest();
                }
                if (worker != null) {
                    give(worker, tenant);
                    startSpareIfRoom();
                    return worker;
                }
                if (workers() < maxWorkers) {
                    starting++;
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "JS_WORKERS_BUSY",
                                "all " + maxWorkers + " JavaScript workers are busy");
                    }
                    waitQuietly(left);
                    continue;
                }
            }
            JsWorker started = startCounted();
            synchronized (this) {
                give(started, tenant);
                startSpareIfRoom();
            }
            return started;
        }
    }

    /**
     * Waits until a spare is warm, or no more workers may start (a new tenant then takes an idle worker, which needs no
     * start): called when a plugin version warms up, outside any call's time budget, so a store's first call pays a
     * module load rather than a JVM start.
     */
    void awaitSpare() {
        long deadline = System.nanoTime() + JsWorker.START_TIMEOUT.toNanos();
        synchronized (this) {
            startSpareIfRoom();
            while (!closed && spares.isEmpty() && starting > 0 && System.nanoTime() < deadline) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Gives a worker back when its tenant no longer needs it (its plugin version was unloaded): it becomes a spare or ends. */
    void release(JsWorker worker, Tenant tenant) {
        synchronized (this) {
            if (!occupied.contains(worker) || !worker.hand(tenant, null)) {
                return;
            }
            occupied.remove(worker);
            if (!closed && spares.isEmpty() && worker.alive()) {
                worker.reset();
                spares.addLast(worker);
                notifyAll();
                return;
            }
        }
        worker.close();
    }

    private void give(JsWorker worker, Tenant tenant) {
        worker.occupy(tenant);
        occupied.add(worker);
    }

    /** The occupied worker idle longest, taken from its tenant; null when every one has a call inside. */
    private JsWorker takeIdlest() {
        JsWorker idlest = null;
        long since = Long.MAX_VALUE;
        for (JsWorker worker : occupied) {
            long idle = worker.idleSince();
            if (idle >= 0 && idle < since && worker.alive()) {
                idlest = worker;
                since = idle;
            }
        }
        if (idlest == null) {
            return null;
        }
        Tenant previous = idlest.tenant();
        if (!idlest.hand(previous, null)) {
            // a call entered since the scan: it stays
            return null;
        }
        occupied.remove(idlest);
        previous.lost(idlest);
        return idlest;
    }

    private void startSpareIfRoom() {
        if (spares.isEmpty() && workers() < maxWorkers && !closed) {
            starting++;
            Thread.ofVirtual().name("mallkit-js-spare").start(() -> {
                try {
                    JsWorker spare = startCounted();
                    synchronized (this) {
                        spares.addLast(spare);
                        notifyAll();
                    }
                } catch (RuntimeException e) {
                    LOG.warn("a spare JavaScript worker did not start: {}", e.getMessage());
                }
            });
        }
    }

    /** Starts a worker for a slot already counted in {@link #starting}. */
    private JsWorker startCounted() {
        try {
            JsWorker worker = JsWorker.start(launcher, numbers.incrementAndGet(), this::ended);
            synchronized (this) {
                starting--;
                if (closed) {
                    worker.close();
                    throw new IllegalStateException("the JavaScript workers have been closed");
                }
            }
            return worker;
        } catch (IOException e) {
            synchronized (this) {
                starting--;
                notifyAll();
            }
            throw new PluginException(ErrorCategory.INTERNAL_ERROR, "JS_WORKER_START_FAILED", e.getMessage(), e);
        }
    }

    /** A worker's process ended: its slot is free, and its tenant must find another. */
    private void ended(JsWorker worker) {
        Tenant tenant;
        synchronized (this) {
            spares.remove(worker);
            tenant = occupied.remove(worker) ? worker.tenant() : null;
            notifyAll();
        }
        if (tenant != null) {
            tenant.lost(worker);
        }
    }

    private void waitQuietly(long nanos) {
        try {
            // a call leaving a worker does not notify: look again soon rather than at the deadline
            wait(Math.max(1, Math.min(20, nanos / 1_000_000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "JS_WORKERS_BUSY", "interrupted while waiting for a JavaScript worker");
        }
    }

    @Override
    public void close() {
        List<JsWorker> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(spares);
            all.addAll(occupied);
            spares.clear();
            occupied.clear();
        }
        all.forEach(JsWorker::close);
    }
}
