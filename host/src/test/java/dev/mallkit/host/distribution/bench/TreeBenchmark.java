package dev.mallkit.host.distribution.bench;

import dev.mallkit.host.distribution.ReferralCounts;
import dev.mallkit.host.distribution.ReferralTree;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

/**
 * Bulk-loads an N-member referral forest ({@link TreeShape}) into one store of a real host on MariaDB
 * and times the reads the team route makes, through the same {@link ReferralTree} and
 * {@link ReferralCounts} methods, then the route itself over HTTP. Not a test: run it by hand
 * (docs/benchmarks-distribution.md) with {@code MALLKIT_TEST_MYSQL_URL} set. Arguments: members.
 */
public final class TreeBenchmark {
    private static final String STORE = "bench";
    private static final int WARM_UP = 2_000;
    private static final int ANCESTOR_LOOKUPS = 10_000;
    private static final int COUNT_READS = 1_000;
    private static final int TEAM_CALLS = 2_000;

    private TreeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int members = Integer.parseInt(args[0]);
        System.out.println("load average at start: " + loadAverage());
        // one client sends 2,000 /team reads back to back: the per-caller rate limit (200/s) would answer them
        System.setProperty("mallkit.rate.limit", "0");
        try (TestHost host = TestHost.start(DbKind.MYSQL)) {
            String merchant = host.merchant("bench");
            host.store(merchant, STORE);
            String storefront = host.storefront(merchant, STORE);
            DataSource ds = host.mallkit().database().dataSource();

            long t = System.nanoTime();
            TreeShape shape = TreeShape.generate(members, 7);
            long closure = Arrays.stream(shape.depths()).asLongStream().sum();
            System.out.printf("shape: %d members, %d closure rows, max depth %d, generated in %.1f s%n",
                    members, closure, Arrays.stream(shape.depths()).max().orElse(0), seconds(t));
            t = System.nanoTime();
            long rows;
            try (Connection c = ds.getConnection()) {
                rows = new BulkLoader(c, STORE).load(shape);
                execute(c, "ANALYZE TABLE referral_ancestors, referral_counts, referrals");
            }
            double loadSeconds = seconds(t);
            System.out.printf("bulk load: %d rows in %.1f s = %.0f rows/s (%.0f members/s)%n",
                    rows, loadSeconds, rows / loadSeconds, members / loadSeconds);

            Random random = new Random(11);
            String hub = TreeShape.id(TreeShape.HUB);
            try (Connection c = ds.getConnection()) {
                explain(c);
                // one connection held throughout: the timings exclude pool hand-offs
                for (int i = 0; i < WARM_UP; i++) {
                    ReferralTree.ancestors(c, STORE, TreeShape.id(random.nextInt(members)), Integer.MAX_VALUE);
                }
                long[] before = status(c);
                long[] ancestors = new long[ANCESTOR_LOOKUPS];
                // a control: a round trip that reads nothing, interleaved, shows the tail the machine adds
                long[] pings = new long[ANCESTOR_LOOKUPS];
                for (int i = 0; i < ancestors.length; i++) {
                    int m = random.nextInt(members);
                    long s = System.nanoTime();
                    execute(c, "SELECT 1");
                    pings[i] = System.nanoTime() - s;
                    s = System.nanoTime();
                    List<String> upline = ReferralTree.ancestors(c, STORE, TreeShape.id(m), Integer.MAX_VALUE);
                    ancestors[i] = System.nanoTime() - s;
                    check(upline.size() == shape.depths()[m], "upline of " + m);
                }
                long[] after = status(c);
                System.out.printf("ancestors of a random member (full upline): p50 %.3f ms, p99 %.3f ms, max %.1f ms over %d lookups;"
                                + " %.1f index rows read and %.3f buffer-pool misses per lookup%n",
                        p(ancestors, 50), p(ancestors, 99), p(ancestors, 100), ancestors.length,
                        (after[0] - before[0]) / (double) ancestors.length, (after[1] - before[1]) / (double) ancestors.length);
                // the earlier benchmark's method: borrow from the pool and open a transaction per lookup
                long[] borrowed = new long[ANCESTOR_LOOKUPS / 5];
                for (int i = 0; i < borrowed.length; i++) {
                    String m = TreeShape.id(random.nextInt(members));
                    long s = System.nanoTime();
                    host.mallkit().database().inTransaction(tx -> ReferralTree.ancestors(tx, STORE, m, Integer.MAX_VALUE));
                    borrowed[i] = System.nanoTime() - s;
                }
                System.out.printf("  same, borrowing a pooled connection and a transaction per lookup: p50 %.3f ms, p99 %.3f ms over %d%n",
                        p(borrowed, 50), p(borrowed, 99), borrowed.length);
                System.out.printf("  control, SELECT 1 on the same connection: p50 %.3f ms, p99 %.3f ms%n", p(pings, 50), p(pings, 99));
                int deepest = TreeShape.HUB_DOWNLINE + TreeShape.CHAIN_LENGTH;
                long s = System.nanoTime();
                int depth = ReferralTree.ancestors(c, STORE, TreeShape.id(deepest), Integer.MAX_VALUE).size();
                System.out.printf("ancestors of the deepest chain member (%d ancestors): %.3f ms%n", depth, (System.nanoTime() - s) / 1e6);

                long[] downline = new long[COUNT_READS];
                long size = 0;
                for (int i = 0; i < downline.length; i++) {
                    s = System.nanoTime();
                    size = ReferralCounts.of(c, STORE, hub).downlineSize();
                    downline[i] = System.nanoTime() - s;
                }
                check(size == TreeShape.HUB_DOWNLINE, "hub downline " + size);
                System.out.printf("downline size of %s = %d: p50 %.3f ms, p99 %.3f ms over %d reads%n",
                        hub, size, p(downline, 50), p(downline, 99), downline.length);
            }

            long[][] counts = shape.counts();
            long[] team = new long[TEAM_CALLS];
            for (int i = 0; i < team.length; i++) {
                int m = i == 0 ? TreeShape.HUB : random.nextInt(members);
                long s = System.nanoTime();
                TestHost.Response r = host.get("/v1/stores/" + STORE + "/members/" + TreeShape.id(m) + "/team", storefront);
                team[i] = System.nanoTime() - s;
                JsonObject body = r.json();
                check(r.status() == 200 && body.getLong("directCount") == counts[0][m] && body.getLong("downlineSize") == counts[1][m]
                        && body.getJsonArray("upline").size() == Math.min(100, shape.depths()[m]), "team of " + m + ": " + r.text());
            }
            System.out.printf("GET .../team over HTTP (sequential, one client): p50 %.3f ms, p99 %.3f ms over %d calls%n",
                    p(team, 50), p(team, 99), team.length);
        }
        System.out.println("load average at end: " + loadAverage());
    }

    private static void explain(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN SELECT ancestor_id FROM referral_ancestors "
                + "WHERE store_id = 'bench' AND member_id = 'u0000100' AND depth <= 2147483647 ORDER BY depth")) {
            rs.next();
            System.out.printf("EXPLAIN ancestors: type=%s key=%s rows=%s Extra=%s%n",
                    rs.getString("type"), rs.getString("key"), rs.getString("rows"), rs.getString("Extra"));
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@innodb_buffer_pool_size, "
                + "(SELECT SUM(data_length + index_length) FROM information_schema.tables WHERE table_schema = DATABASE())")) {
            rs.next();
            System.out.printf("buffer pool %d MB, this schema's data and indexes %d MB%n", rs.getLong(1) >> 20, rs.getLong(2) >> 20);
        }
    }

    // index rows read (this session) and buffer-pool reads from disk (server-wide)
    private static long[] status(Connection c) throws SQLException {
        long[] out = new long[2];
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name = 'Innodb_buffer_pool_reads'")) {
            rs.next();
            out[1] = rs.getLong(2);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SHOW SESSION STATUS WHERE Variable_name IN ('Handler_read_key', 'Handler_read_next')")) {
            while (rs.next()) {
                out[0] += rs.getLong(2);
            }
        }
        return out;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new IllegalStateException("benchmark read a wrong answer: " + what);
        }
    }

    private static String loadAverage() throws java.io.IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).trim() : "n/a";
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double p(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) ((long) sorted.length * percentile / 100))] / 1e6;
    }
}
