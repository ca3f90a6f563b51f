package dev.mallkit.host.cluster;

import dev.mallkit.host.db.Database;
import dev.mallkit.host.jobs.Scheduler;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestDatabase;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two schedulers, each on its own Vert.x instance like two hosts, run one job over one database with
 * real timers: one run per period between them, and the survivor takes over when the holder dies.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class LeasedSchedulerTest {
    private static final Duration PERIOD = Duration.ofMillis(300);

    @Parameter
    DbKind kind;

    /** One run of the job: who ran it and when. */
    record Run(String holder, Instant at) {
    }

    @Test
    void aJobRunsOncePerPeriodAcrossHostsAndResumesWhenItsHolderDies() throws Exception {
        try (TestDatabase database = TestDatabase.create(kind);
             Database db = Database.open(database.config(Files.createTempDirectory("mallkit-sched-"), Map.of()))) {
            List<Run> runs = new CopyOnWriteArrayList<>();
            Vertx first = Vertx.vertx();
            Vertx second = Vertx.vertx();
            try {
                Scheduler a = new Scheduler(first, db, "host-a", Clock.systemUTC());
                Scheduler b = new Scheduler(second, db, "host-b", Clock.systemUTC());
                a.every(PERIOD, "lease-test", () -> runs.add(started(db, "host-a")));
                Thread.sleep(PERIOD.toMillis() / 2); // the second host ticks between the first one's ticks
                b.every(PERIOD, "lease-test", () -> runs.add(started(db, "host-b")));

                Thread.sleep(3_000);
                List<Run> together = List.copyOf(runs);
                assertThat(together).hasSizeBetween(7, 11);
                assertSpacedByAPeriod(together);
                String holder = together.getFirst().holder();
                assertThat(together).allMatch(r -> r.holder().equals(holder));

                // the holder dies: its timers stop and its lease is never handed back
                Vertx dead = holder.equals("host-a") ? first : second;
                dead.close().await(10, TimeUnit.SECONDS);
                int beforeDeath = runs.size();
                Instant lastOfDead = runs.getLast().at();
                Thread.sleep(Scheduler.leaseTtl(PERIOD).plus(PERIOD.multipliedBy(4)).toMillis());
                List<Run> after = List.copyOf(runs.subList(beforeDeath, runs.size()));
                assertThat(after).isNotEmpty().allMatch(r -> !r.holder().equals(holder));
                // the successor waits for the lease to expire
                assertThat(Duration.between(lastOfDead, after.getFirst().at())).isGreaterThanOrEqualTo(Scheduler.leaseTtl(PERIOD));
                assertSpacedByAPeriod(List.copyOf(runs));
            } finally {
                first.close().await(10, TimeUnit.SECONDS);
                second.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    /** @return the run as the lease recorded its start, read by the job itself */
    private static Run started(Database db, String host) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT holder, last_started_at FROM job_leases WHERE name = 'lease-test'");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(host);
            return new Run(host, Instant.ofEpochMilli(rs.getLong(2)));
        }
    }

    /** Timers fire a little early or late; the lease never lets two starts come closer than its minimum spacing. */
    static void assertSpacedByAPeriod(List<Run> runs) {
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(runs.get(i - 1).at(), runs.get(i).at()))
                    .as("runs %d and %d: %s", i - 1, i, runs)
                    .isGreaterThanOrEqualTo(Scheduler.minSpacing(PERIOD));
        }
    }
}
