package dev.mallkit.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw-JDBC baseline of {@link OrderEventsLoad}: per PAID event, one transaction on a dedicated
 * connection writes what the host writes with membership enabled — the order_events row with its stored
 * result, the member on first sight, the member's balance under a locking read, one AWARD ledger entry —
 * with no HTTP, no JSON parsing, no plugin call and no idempotency replay check.
 */
final class RawJdbcOrders {
    private final BenchDatabase database;
    private final String storeId;
    private final int members;

    /** The events written in the measured period. */
    record Result(long events, double seconds) {
        double perSecond() {
            return events / seconds;
        }

        @Override
        public String toString() {
            return String.format("%-24s %9.0f events/s  (%d events)", "raw JDBC", perSecond(), events);
        }
    }

    RawJdbcOrders(BenchDatabase database, String storeId, int members) {
        this.database = database;
        this.storeId = storeId;
        this.members = members;
    }

    Result run(int threads, Duration warmup, Duration measure) throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        AtomicLong counted = new AtomicLong();
        long warmEnd = System.nanoTime() + warmup.toNanos();
        long end = warmEnd + measure.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try (Connection c = database.connect()) {
                    c.setAutoCommit(false);
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        long n = sequence.getAndIncrement();
                        write(c, "o-" + n, "member-" + (n % members), 1_000 + n % 50_000);
                        if (now >= warmEnd && System.nanoTime() < end) {
                            counted.incrementAndGet();
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return new Result(counted.get(), measure.toNanos() / 1e9);
    }

    private void write(Connection c, String orderId, String memberId, long amount) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        long points = amount / 100;
        try {
            update(c, "INSERT INTO order_events (store_id, order_id, type, seq, body_hash, member_id, currency, amount, received_at, result) "
                    + "VALUES (?, ?, 'PAID', 1, ?, ?, 'CNY', ?, ?, ?)", storeId, orderId, "0".repeat(64), memberId, amount, now,
                    "{\"points\":{\"program\":\"membership-tiers\",\"awarded\":" + points + "}}");
            if (!known(c, memberId)) {
                update(c, "INSERT INTO members (store_id, member_id, first_seen) VALUES (?, ?, ?)", storeId, memberId, now);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT points FROM member_balances WHERE store_id = ? AND member_id = ? FOR UPDATE")) {
                ps.setString(1, storeId);
                ps.setString(2, memberId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        update(c, "UPDATE member_balances SET points = points + ?, growth = growth + ?, updated_at = ? WHERE store_id = ? AND member_id = ?",
                                points, points, now, storeId, memberId);
                    } else {
                        update(c, "INSERT INTO member_balances (store_id, member_id, points, growth, debt, updated_at) VALUES (?, ?, ?, ?, 0, ?)",
                                storeId, memberId, points, points, now);
                    }
                }
            }
            update(c, "INSERT INTO member_ledger (store_id, member_id, kind, order_id, points, growth, debt, plugin_id, detail, created_at) "
                    + "VALUES (?, ?, 'AWARD', ?, ?, ?, 0, 'membership-tiers', 'PAID', ?)", storeId, memberId, orderId, points, points, now);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    private boolean known(Connection c, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT first_seen FROM members WHERE store_id = ? AND member_id = ?")) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    /** @return rows per table with a store_id column, for {@code storeId}: shows both runs write the same rows */
    static Map<String, Long> rowCounts(Connection c, String storeId) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.columns WHERE table_schema = DATABASE() "
                + "AND column_name = 'store_id' ORDER BY table_name"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            long n = OrderEventsLoad.count(c, "SELECT COUNT(*) FROM " + table + " WHERE store_id = ?", storeId);
            if (n > 0) {
                counts.put(table, n);
            }
        }
        return counts;
    }
}
