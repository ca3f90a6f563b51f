package dev.mallkit.host.reliability;

import dev.mallkit.host.reliability.StoreWriter.Outcome;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host over a private MariaDB that is killed and restarted, or frozen, under a write load: errors stop
 * within 10 s of the database's return, no acknowledged write is lost or duplicated, no request hangs
 * past the connection timeout, and the host recovers without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseFaultTest {
    private PrivateMariaDb mariadb;
    private TestHost host;
    private String merchant;

    @BeforeAll
    void start() throws Exception {
        mariadb = PrivateMariaDb.start();
        host = TestHost.start(DbKind.H2, mariadb.hostSettings());
        merchant = host.merchant("merchant-faults");
    }

    @AfterAll
    void stop() throws Exception {
        try (PrivateMariaDb db = mariadb) {
            if (host != null) {
                host.close();
            }
        }
    }

    @Test
    void killedAndRestartedDatabaseLosesNoAcknowledgedWriteAndErrorsEndWithinTenSeconds() throws Exception {
        long restarted;
        StoreWriter writer = new StoreWriter(4, "k", (id, name) -> host.post("/v1/stores", merchant, Map.of("id", id, "name", name)));
        try (writer) {
            Thread.sleep(2_000);
            mariadb.kill();
            Thread.sleep(3_000);
            mariadb.restart();
            restarted = System.nanoTime();
            Thread.sleep(12_000);
        }
        // after close: every call in flight has its outcome
        List<Outcome> outcomes = writer.outcomes();
        List<Outcome> failed = outcomes.stream().filter(o -> !o.acknowledged()).toList();
        assertThat(failed).as("the kill was noticed").isNotEmpty();
        long lastError = failed.stream().mapToLong(Outcome::endNanos).max().orElseThrow();
        long firstError = failed.stream().mapToLong(Outcome::startNanos).min().orElseThrow();
        Set<String> rows = storeIds("k%");
        Set<String> acknowledged = new HashSet<>();
        outcomes.stream().filter(Outcome::acknowledged).forEach(o -> acknowledged.add(o.storeId()));
        Set<String> attempted = new HashSet<>();
        outcomes.forEach(o -> attempted.add(o.storeId()));
        long ambiguous = failed.stream().filter(o -> rows.contains(o.storeId())).count();
        System.out.printf("db kill: %d calls, %d acknowledged, %d failed (%s), %d failed-but-committed; error window %.1f s,"
                        + " errors ended %.1f s after the restart%n", outcomes.size(), acknowledged.size(), failed.size(),
                statuses(failed), ambiguous, (lastError - firstError) / 1e9, (lastError - restarted) / 1e9);

        assertThat(rows).as("every acknowledged store is committed").containsAll(acknowledged);
        assertThat(attempted).as("no row appears that was never sent").containsAll(rows);
        assertThat((lastError - restarted) / 1e9).as("seconds of errors after the database returned").isLessThanOrEqualTo(10.0);
        assertThat(outcomes.stream().filter(o -> o.startNanos() > lastError && o.acknowledged()).count())
                .as("writes succeed again without a host restart").isGreaterThan(10);
        assertThat(failed).allSatisfy(o -> assertThat(o.status()).as("errors are answered, not dropped").isIn(500, 503));
    }

    @Test
    void frozenDatabaseFailsRequestsWithinTheConnectionTimeoutInsteadOfHanging() throws Exception {
        long frozenAt;
        long thawedAt;
        StoreWriter writer = new StoreWriter(4, "f", (id, name) -> host.post("/v1/stores", merchant, Map.of("id", id, "name", name)));
        try (writer) {
            Thread.sleep(1_500);
            mariadb.freeze();
            frozenAt = System.nanoTime();
            try {
                Thread.sleep(12_000);
            } finally {
                mariadb.thaw();
                thawedAt = System.nanoTime();
            }
            Thread.sleep(5_000);
        }
        List<Outcome> outcomes = writer.outcomes();
        List<Outcome> duringFreeze = outcomes.stream().filter(o -> o.startNanos() >= frozenAt && o.endNanos() <= thawedAt).toList();
        long slowest = outcomes.stream().filter(o -> o.startNanos() >= frozenAt && o.startNanos() < thawedAt)
                .mapToLong(o -> o.endNanos() - o.startNanos()).max().orElseThrow();
        System.out.printf("db freeze: %d calls answered while frozen (%s), slowest call started while frozen %.1f s%n",
                duringFreeze.size(), statuses(duringFreeze), slowest / 1e9);

        assertThat(duringFreeze).as("calls are answered while the database is frozen").isNotEmpty();
        assertThat(duringFreeze).allSatisfy(o -> assertThat(o.status()).isIn(500, 503));
        // bound: the 5 s socket (or connection) timeout, plus up to 2 s of connection validation, plus this busy machine
        assertThat(slowest / 1e9).as("seconds a call waits on a frozen database").isLessThanOrEqualTo(9.0);
        assertThat(outcomes.stream().filter(o -> o.startNanos() > thawedAt + 2_000_000_000L && o.acknowledged()).count())
                .as("the host recovers after SIGCONT").isGreaterThan(5);
    }

    private static String statuses(List<Outcome> outcomes) {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        outcomes.forEach(o -> counts.merge(o.status(), 1L, Long::sum));
        return counts.toString();
    }

    private Set<String> storeIds(String like) throws Exception {
        Set<String> ids = new HashSet<>();
        int rows = 0;
        try (Connection c = DriverManager.getConnection(mariadb.jdbcUrl(), "mallkit", "mallkit");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM stores WHERE id LIKE '" + like + "'")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
                rows++;
            }
        }
        assertThat(rows).as("no store row is duplicated").isEqualTo(ids.size());
        return ids;
    }
}
