package dev.mallkit.host.cluster;

import dev.mallkit.host.db.Database;
import dev.mallkit.host.jobs.JobLeases;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The lease rules on a real database, with a hand-moved clock: who may run a job, and when another may take over. */
@ParameterizedClass
@EnumSource(DbKind.class)
class JobLeasesTest {
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final Duration SPACING = Duration.ofSeconds(4);

    @Parameter
    DbKind kind;

    private static TestDatabase database;
    private static Database db;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-21T00:00:00Z"));

    @BeforeParameterizedClassInvocation
    static void open(DbKind kind) throws Exception {
        database = TestDatabase.create(kind);
        db = Database.open(database.config(Files.createTempDirectory("mallkit-lease-"), Map.of()));
    }

    @AfterParameterizedClassInvocation
    static void close() {
        db.close();
        database.close();
    }

    private JobLeases host(String name) {
        return new JobLeases(db.dataSource(), name, clock);
    }

    @Test
    void onlyOneHostHoldsAnUnexpiredLease() throws Exception {
        JobLeases a = host("a");
        JobLeases b = host("b");
        assertThat(a.acquireForRun("job-1", TTL, SPACING)).isTrue();
        assertThat(b.acquireForRun("job-1", TTL, SPACING)).isFalse();
        clock.advance(Duration.ofSeconds(5));
        assertThat(a.acquireForRun("job-1", TTL, SPACING)).as("the holder keeps its lease").isTrue();
        assertThat(b.acquireForRun("job-1", TTL, SPACING)).isFalse();
        assertThat(runs("job-1")).isEqualTo(2);
    }

    @Test
    void theHolderStartsAgainOnlyAfterTheMinimumSpacing() throws Exception {
        JobLeases a = host("a");
        assertThat(a.acquireForRun("job-5", TTL, SPACING)).isTrue();
        clock.advance(SPACING.minusMillis(1));
        assertThat(a.acquireForRun("job-5", TTL, SPACING)).as("a tick that came too soon").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(a.acquireForRun("job-5", TTL, SPACING)).isTrue();
        assertThat(runs("job-5")).isEqualTo(2);
    }

    @Test
    void anExpiredLeasePassesToAnotherHostAndTheOldHolderCannotRenewIt() throws Exception {
        JobLeases a = host("a");
        JobLeases b = host("b");
        assertThat(a.acquireForRun("job-2", TTL, SPACING)).isTrue();
        clock.advance(TTL);
        assertThat(b.acquireForRun("job-2", TTL, SPACING)).isTrue();
        assertThat(a.renew("job-2", TTL)).isFalse();
        assertThat(a.acquireForRun("job-2", TTL, SPACING)).isFalse();
        assertThat(b.renew("job-2", TTL)).isTrue();
    }

    @Test
    void aReleasedLeaseIsFreeFromTheNextDueTimeNotEarlier() throws Exception {
        JobLeases a = host("a");
        JobLeases b = host("b");
        Instant started = clock.instant();
        assertThat(a.acquireForRun("job-3", TTL, SPACING)).isTrue();
        assertThat(a.release("job-3", started.plusSeconds(3))).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(b.acquireForRun("job-3", TTL, SPACING)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.acquireForRun("job-3", TTL, SPACING)).isTrue();
    }

    @Test
    void hostsRacingForANewJobLetExactlyOneRun() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            var attempts = IntStream.range(0, 8)
                    .mapToObj(i -> (Callable<Boolean>) () -> host("racer-" + i).acquireForRun("job-4", TTL, SPACING))
                    .toList();
            long winners = 0;
            for (Future<Boolean> won : threads.invokeAll(attempts)) {
                winners += won.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(runs("job-4")).isEqualTo(1);
        } finally {
            threads.shutdown();
        }
    }

    private long runs(String job) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT runs FROM job_leases WHERE name = ?")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
