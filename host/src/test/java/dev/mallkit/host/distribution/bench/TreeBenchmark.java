package dev.mallkit.host.distribution.bench;

import dev.mallkit.host.config.MallkitConfig;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.distribution.ReferralTree;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Binds N members into one store's referral tree on a real database and measures "ancestors of X"
 * and "downline size of X" for a hub with about 100,000 descendants. Not a test: run it by hand
 * (see docs/benchmarks-distribution.md). Arguments: jdbcUrl user password members.
 */
public final class TreeBenchmark {
    private static final int HUB_DOWNLINE = 100_000;
    private static final int BATCH = 500;

    private TreeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int members = Integer.parseInt(args[3]);
        MallkitConfig config = MallkitConfig.from(Map.of("MALLKIT_JDBC_URL", args[0], "MALLKIT_JDBC_USER", args[1],
                "MALLKIT_JDBC_PASSWORD", args[2], "MALLKIT_DATA_DIR", Files.createTempDirectory("mk-bench").toString()));
        try (Database db = Database.open(config)) {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO merchants (id, name, created_at) VALUES ('bench', 'Bench', CURRENT_TIMESTAMP)");
                    s.executeUpdate("INSERT INTO stores (id, merchant_id, name, created_at) VALUES ('bench', 'bench', 'Bench', CURRENT_TIMESTAMP)");
                }
                return null;
            });
            // member 0 is the hub; 1..HUB_DOWNLINE hang below it with fan-out 5, the rest form other trees of fan-out 3
            long start = System.nanoTime();
            Random random = new Random(7);
            for (int from = 1; from < members; from += BATCH) {
                int first = from;
                db.inTransaction(c -> {
                    ReferralTree.lock(c, "bench");
                    for (int i = first; i < Math.min(first + BATCH, members); i++) {
                        int parent = i <= HUB_DOWNLINE ? (i - 1) / 5 : HUB_DOWNLINE + 1 + random.nextInt(Math.max(1, i - HUB_DOWNLINE - 1) / 3 + 1);
                        if (parent >= i) {
                            continue;
                        }
                        ReferralTree.bind(c, "bench", "u" + i, "u" + parent, null, "bench", "BENCH", Instant.now());
                    }
                    return null;
                });
                if (from % 50_000 < BATCH) {
                    System.out.printf("bound %d in %.1f s%n", from, (System.nanoTime() - start) / 1e9);
                }
            }
            System.out.printf("bound %d members in %.1f s%n", members, (System.nanoTime() - start) / 1e9);
            long[] ancestors = new long[5_000];
            for (int i = 0; i < ancestors.length; i++) {
                String member = "u" + (1 + random.nextInt(members - 1));
                long t = System.nanoTime();
                db.inTransaction(c -> ReferralTree.ancestors(c, "bench", member, Integer.MAX_VALUE));
                ancestors[i] = System.nanoTime() - t;
            }
            long[] downline = new long[50];
            long size = 0;
            for (int i = 0; i < downline.length; i++) {
                long t = System.nanoTime();
                size = db.inTransaction(c -> ReferralTree.downlineSize(c, "bench", "u0"));
                downline[i] = System.nanoTime() - t;
            }
            long rows = db.inTransaction(TreeBenchmark::closureRows);
            System.out.printf("closure rows %d%n", rows);
            System.out.printf("ancestors of a random member (full upline): p50 %.2f ms, p99 %.2f ms over %d lookups%n",
                    p(ancestors, 50), p(ancestors, 99), ancestors.length);
            System.out.printf("downline size of u0 = %d: p50 %.2f ms, p99 %.2f ms over %d counts%n", size, p(downline, 50), p(downline, 99), downline.length);
        }
    }

    private static long closureRows(Connection c) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM referral_ancestors")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double p(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}
