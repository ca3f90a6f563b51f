package dev.mallkit.host.jobs;

import dev.mallkit.host.db.Database;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the host's periodic jobs (points expiry, commission settlement) off the event loop, once per
 * period across every host sharing the database: each tick first takes the job's {@link JobLeases lease},
 * which the holder keeps by running on its own ticks and renews while a run lasts. When the holder dies,
 * the lease expires ({@link #leaseTtl}) and the next tick of another host takes over. A slow run never
 * overlaps the next tick; jobs must still be idempotent, so a run repeated after a crash writes nothing new.
 * Timers stop and leases are handed back when the host closes.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final Duration MIN_MARGIN = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final Database db;
    private final JobLeases leases;
    private final Clock clock;
    private final List<Job> jobs = new CopyOnWriteArrayList<>();

    public Scheduler(Vertx vertx, Database db) {
        this(vertx, db, JobLeases.processHolder(), Clock.systemUTC());
    }

    /** A scheduler whose leases are held under {@code holder}; tests run several "hosts" in one JVM this way. */
    public Scheduler(Vertx vertx, Database db, String holder, Clock clock) {
        this.vertx = vertx;
        this.db = db;
        this.clock = clock;
        this.leases = new JobLeases(db.dataSource(), holder, clock);
    }

    /** @return the name this host holds job leases under */
    public String holder() {
        return leases.holder();
    }

    /**
     * @return how long a lease outlives its last renewal: a period plus a margin (half a period, at least
     *         2 s), so a holder's late tick keeps it, and a successor never starts within a period of the last run
     */
    public static Duration leaseTtl(Duration period) {
        Duration half = period.dividedBy(2);
        return period.plus(half.compareTo(MIN_MARGIN) < 0 ? MIN_MARGIN : half);
    }

    /** @return how soon after its last start the holder may start a job again: timers fire up to a fifth early */
    public static Duration minSpacing(Duration period) {
        return period.multipliedBy(4).dividedBy(5);
    }

    /** Runs {@code job} every {@code period} on whichever host holds its lease; a zero period schedules nothing. */
    public void every(Duration period, String name, Database.Blocking<?> job) {
        if (period.isZero() || period.isNegative()) {
            return;
        }
        Job scheduled = new Job(name, period, job);
        jobs.add(scheduled);
        scheduled.timer = vertx.setPeriodic(period.toMillis(), id -> tick(scheduled));
    }

    private void tick(Job job) {
        if (!job.running.compareAndSet(false, true)) {
            return;
        }
        db.offLoop(() -> runIfLeased(job))
                .onComplete(r -> job.running.set(false))
                .onSuccess(ran -> LOG.debug("{}: {}", job.name, ran ? "ran" : "held by another host"))
                .onFailure(e -> LOG.warn("{} failed; the next run retries: {}", job.name, e.toString()));
    }

    private boolean runIfLeased(Job job) throws Exception {
        Duration ttl = leaseTtl(job.period);
        Instant started = clock.instant();
        if (!leases.acquireForRun(job.name, ttl, minSpacing(job.period))) {
            return false;
        }
        job.lastStarted = started;
        // a run longer than the lease must not let another host start the same job alongside it
        long renewal = vertx.setPeriodic(Math.max(100, ttl.toMillis() / 3), id -> db.offLoop(() -> leases.renew(job.name, ttl))
                .onSuccess(kept -> {
                    if (!kept) {
                        LOG.warn("{}: lease lost while running; another host may start it", job.name);
                    }
                }));
        try {
            Object result = job.work.call();
            LOG.debug("{} ran: {}", job.name, result);
            return true;
        } finally {
            vertx.cancelTimer(renewal);
        }
    }

    /** Stops the timers and hands each lease back, due one period after this host's last run of it. */
    @Override
    public void close() {
        for (Job job : jobs) {
            vertx.cancelTimer(job.timer);
            if (job.lastStarted != null) {
                try {
                    leases.release(job.name, job.lastStarted.plus(job.period));
                } catch (Exception e) {
                    LOG.debug("{}: lease not released, it expires by itself: {}", job.name, e.toString());
                }
            }
        }
        jobs.clear();
    }

    /** One scheduled job and its state on this host. */
    private static final class Job {
        final String name;
        final Duration period;
        final Database.Blocking<?> work;
        final AtomicBoolean running = new AtomicBoolean();
        volatile long timer;
        volatile Instant lastStarted;

        Job(String name, Duration period, Database.Blocking<?> work) {
            this.name = name;
            this.period = period;
            this.work = work;
        }
    }
}
