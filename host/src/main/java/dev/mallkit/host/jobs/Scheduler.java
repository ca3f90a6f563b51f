package dev.mallkit.host.jobs;

import dev.mallkit.host.db.Database;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the host's periodic jobs (points expiry, commission settlement) off the event loop. A slow run
 * never overlaps the next tick; jobs must be idempotent, so a run repeated after a crash writes nothing new.
 * Timers stop when the host closes.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final Vertx vertx;
    private final Database db;
    private final List<Long> timers = new CopyOnWriteArrayList<>();

    public Scheduler(Vertx vertx, Database db) {
        this.vertx = vertx;
        this.db = db;
    }

    /** Runs {@code job} every {@code period}; a zero period schedules nothing. */
    public void every(Duration period, String name, Database.Blocking<?> job) {
        if (period.isZero() || period.isNegative()) {
            return;
        }
        AtomicBoolean running = new AtomicBoolean();
        timers.add(vertx.setPeriodic(period.toMillis(), id -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            db.offLoop(job)
                    .onComplete(r -> running.set(false))
                    .onSuccess(n -> LOG.debug("{} ran: {}", name, n))
                    .onFailure(e -> LOG.warn("{} failed; the next run retries: {}", name, e.toString()));
        }));
    }

    @Override
    public void close() {
        timers.forEach(vertx::cancelTimer);
        timers.clear();
    }
}
