package dev.mallkit.host.distribution.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Writes a {@link TreeShape} straight into the tables {@code ReferralTree} maintains (members, referrals,
 * the ancestor closure and the team counters), as batched multi-row INSERTs: the driver rewrites each
 * batch into one statement with {@code rewriteBatchedStatements=true}. Rows go in primary-key order, so
 * every insert appends. This stands in for a migration of an existing tree, not for the bind path.
 */
final class BulkLoader {
    private static final int BATCH = 10_000;
    private static final Timestamp AT = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));

    private final Connection c;
    private final String storeId;
    private long rows;

    BulkLoader(Connection c, String storeId) {
        this.c = c;
        this.storeId = storeId;
    }

    /** Loads the shape; returns the number of rows written. */
    long load(TreeShape shape) throws SQLException {
        c.setAutoCommit(false);
        // the host's pool fails a statement after 5 s without an answer (a frozen database); rebuilding the closure
        // index of 5.6M rows legitimately takes longer
        int networkTimeout = c.getNetworkTimeout();
        c.setNetworkTimeout(Runnable::run, 0);
        try {
            timed("members", () -> members(shape));
            timed("referrals", () -> referrals(shape));
            // a bulk import builds the secondary index once, sorted, instead of splitting pages per row;
            // the definition repeats V5's
            timed("ancestor closure", () -> {
                execute("DROP INDEX ux_referral_ancestors_ancestor ON referral_ancestors");
                ancestors(shape);
            });
            timed("closure index rebuild", () -> execute(
                    "CREATE UNIQUE INDEX ux_referral_ancestors_ancestor ON referral_ancestors (store_id, ancestor_id, member_id)"));
            timed("counters", () -> counts(shape));
        } finally {
            c.setAutoCommit(true);
            c.setNetworkTimeout(Runnable::run, networkTimeout);
        }
        return rows;
    }

    private interface Phase {
        void run() throws SQLException;
    }

    private void timed(String name, Phase phase) throws SQLException {
        long rowsBefore = rows;
        long t = System.nanoTime();
        phase.run();
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("  %s: %d rows in %.1f s = %.0f rows/s%n", name, rows - rowsBefore, seconds, (rows - rowsBefore) / seconds);
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void members(TreeShape shape) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO members (store_id, member_id, first_seen) VALUES (?, ?, ?)")) {
            for (int i = 0; i < shape.size(); i++) {
                ps.setString(1, storeId);
                ps.setString(2, TreeShape.id(i));
                ps.setTimestamp(3, AT);
                add(ps);
            }
            flush(ps);
        }
    }

    private void referrals(TreeShape shape) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO referrals (store_id, member_id, referrer_id, source, bound_at) VALUES (?, ?, ?, 'bench', ?)")) {
            for (int i = 0; i < shape.size(); i++) {
                if (shape.parents()[i] >= 0) {
                    ps.setString(1, storeId);
                    ps.setString(2, TreeShape.id(i));
                    ps.setString(3, TreeShape.id(shape.parents()[i]));
                    ps.setTimestamp(4, AT);
                    add(ps);
                }
            }
            flush(ps);
        }
    }

    private void ancestors(TreeShape shape) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO referral_ancestors (store_id, member_id, depth, ancestor_id) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < shape.size(); i++) {
                String member = TreeShape.id(i);
                int depth = 1;
                for (int a = shape.parents()[i]; a >= 0; a = shape.parents()[a], depth++) {
                    ps.setString(1, storeId);
                    ps.setString(2, member);
                    ps.setInt(3, depth);
                    ps.setString(4, TreeShape.id(a));
                    add(ps);
                }
            }
            flush(ps);
        }
    }

    private void counts(TreeShape shape) throws SQLException {
        long[][] counts = shape.counts();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO referral_counts (store_id, member_id, direct_count, downline_size) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < shape.size(); i++) {
                if (counts[1][i] > 0) {
                    ps.setString(1, storeId);
                    ps.setString(2, TreeShape.id(i));
                    ps.setLong(3, counts[0][i]);
                    ps.setLong(4, counts[1][i]);
                    add(ps);
                }
            }
            flush(ps);
        }
    }

    private void add(PreparedStatement ps) throws SQLException {
        ps.addBatch();
        if (++rows % BATCH == 0) {
            flush(ps);
        }
    }

    private void flush(PreparedStatement ps) throws SQLException {
        ps.executeBatch();
        c.commit();
    }
}
