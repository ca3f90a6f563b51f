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
 * result, the member on first sight, the member's balance under a locking read, one AWARD ledger entry, and
 * for distribution the policy read, the buyer's upline (two levels) and per level a PENDING commission with
 * its ledger entry — with no HTTP, no JSON parsing, no plugin call and no idempotency replay check.
 */
final class RawJdbcOrders {
    private final BenchDatabase database;
    private final String storeId;
    private final int members;
    // order numbers go on across runs (settling rounds, then the measured one), so every event is a new order
    private final AtomicLong sequence = new AtomicLong();

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
        AtomicLong counted = new AtomicLong();
        long warmEnd = System.nanoTime() + warmup.toNanos();
        long end = warmEnd + measure.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(Thread.ofPlatform().start(() -> {
                // the host's driver properties and isolation (REPEATABLE READ, the server's default, which the pool sets too)
                try (Connection c = database.connectLikeTheHost()) {
                    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    c.setAutoCommit(false);
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        long n = sequence.getAndIncrement();
                        writeRetrying(c, "o-" + n, "member-" + (n % members), 1_000 + n % 50_000);
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

    // the host retries deadlock victims (SQLState class 40) up to 5 times; so does the baseline
    private void writeRetrying(Connection c, String orderId, String memberId, long amount) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                write(c, orderId, memberId, amount);
                return;
            } catch (SQLException e) {
                if (attempt >= 5 || e.getSQLState() == null || !e.getSQLState().startsWith("40")) {
                    throw e;
                }
            }
        }
    }

    private void write(Connection c, String orderId, String memberId, long amount) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        long points = amount / 100;
        try {
            update(c, "INSERT INTO order_events (store_id, order_id, type, seq, body_hash, member_id, currency, amount, received_at, result) "
                    + "VALUES (?, ?, 'PAID', 1, ?, ?, 'CNY', ?, ?, ?)", storeId, orderId, "0".repeat(64), memberId, amount, now,
                    "{\"points\":{\"program\":\"membership-tiers\",\"awarded\":" + points + "}}");
            update(c, "INSERT INTO order_payments (store_id, order_id) VALUES (?, ?)", storeId, orderId);
            if (!exists(c, "SELECT first_seen FROM members WHERE store_id = ? AND member_id = ?", memberId)) {
                update(c, "INSERT INTO members (store_id, member_id, first_seen) VALUES (?, ?, ?)", storeId, memberId, now);
            }
            // as the host's MemberLedger: a plain read decides, the row is locked by key (no gap lock on a missing row)
            if (!exists(c, "SELECT 1 FROM member_balances WHERE store_id = ? AND member_id = ?", memberId)) {
                update(c, "INSERT INTO member_balances (store_id, member_id, points, growth, debt, updated_at) VALUES (?, ?, 0, 0, 0, ?)",
                        storeId, memberId, now);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT points FROM member_balances WHERE store_id = ? AND member_id = ? FOR UPDATE")) {
                ps.setString(1, storeId);
                ps.setString(2, memberId);
                ps.executeQuery().close();
            }
            update(c, "UPDATE member_balances SET points = points + ?, growth = growth + ?, updated_at = ? WHERE store_id = ? AND member_id = ?",
                    points, points, now, storeId, memberId);
            update(c, "INSERT INTO member_ledger (store_id, member_id, kind, order_id, points, growth, debt, plugin_id, detail, created_at) "
                    + "VALUES (?, ?, 'AWARD', ?, ?, ?, 0, 'membership-tiers', 'PAID', ?)", storeId, memberId, orderId, points, points, now);
            commissions(c, orderId, memberId, amount, now);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    // distribution-classic's defaults: 1000 and 500 bps to levels 1 and 2, PENDING for the frozen period
    private void commissions(Connection c, String orderId, String memberId, long amount, Timestamp now) throws SQLException {
        for (String setting : List.of("distribution.maxLevels", "distribution.maxTotalRateBps")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT val FROM platform_settings WHERE name = ?")) {
                ps.setString(1, setting);
                ps.executeQuery().close();
            }
        }
        List<String> upline = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ancestor_id FROM referral_ancestors WHERE store_id = ? AND member_id = ? AND depth <= 2 ORDER BY depth")) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    upline.add(rs.getString(1));
                }
            }
        }
        Timestamp settleAfter = Timestamp.from(now.toInstant().plus(Duration.ofDays(7)));
        for (int level = 1; level <= upline.size(); level++) {
            long captured = amount * (level == 1 ? 1_000 : 500) / 10_000;
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO commissions (store_id, order_id, level, beneficiary_id, currency, "
                    + "captured, reversed, order_paid, order_refunded, status, settle_after, reason, created_at) "
                    + "VALUES (?, ?, ?, ?, 'CNY', ?, 0, ?, 0, 'PENDING', ?, 'level rate', ?)", PreparedStatement.RETURN_GENERATED_KEYS)) {
                Object[] args = {storeId, orderId, level, upline.get(level - 1), captured, amount, settleAfter, now};
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            update(c, "INSERT INTO commission_entries (commission_id, store_id, beneficiary_id, type, amount, created_at) "
                    + "VALUES (?, ?, ?, 'PENDING', ?, ?)", id, storeId, upline.get(level - 1), captured, now);
        }
    }

    private boolean exists(Connection c, String sql, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
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
