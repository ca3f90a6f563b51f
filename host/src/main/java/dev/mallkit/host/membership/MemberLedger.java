package dev.mallkit.host.membership;

import dev.mallkit.host.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The member ledger's SQL. Every writer first {@link #lock locks} the member's balance row, then appends
 * entries with {@link #append}, which keeps the cached totals of that row equal to the ledger's sums in the
 * same transaction. The locking read always sees the latest committed totals, even under MySQL's
 * REPEATABLE READ, so concurrent writers of one member queue instead of losing updates.
 */
final class MemberLedger {
    private MemberLedger() {
    }

    /** Locks (creating if needed) the member's balance row and returns the totals it holds. */
    static MemberBalance lock(Connection c, String storeId, String memberId, Instant now) throws SQLException {
        // never a locking read of a missing row: on InnoDB it takes a gap lock, and two first-time members whose
        // keys fall in the same gap then deadlock on their inserts. A plain read decides; the row is locked by key.
        if (!hasBalance(c, storeId, memberId)) {
            insertEmpty(c, storeId, memberId, now);
        }
        return selectForUpdate(c, storeId, memberId);
    }

    private static boolean hasBalance(Connection c, String storeId, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM member_balances WHERE store_id = ? AND member_id = ?")) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void insertEmpty(Connection c, String storeId, String memberId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO member_balances (store_id, member_id, points, growth, debt, updated_at) VALUES (?, ?, 0, 0, 0, ?)")) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!Dialect.isDuplicateKey(e)) {
                throw e;
            }
            // a concurrent first writer created it (or our snapshot predates it); the caller locks it by key
        }
    }

    private static MemberBalance selectForUpdate(Connection c, String storeId, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT points, growth, debt FROM member_balances WHERE store_id = ? AND member_id = ? FOR UPDATE")) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new MemberBalance(rs.getLong(1), rs.getLong(2), rs.getLong(3)) : null;
            }
        }
    }

    /** @return the member's totals without locking, or zeros when they have no ledger yet */
    static MemberBalance read(Connection c, String storeId, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(SUM(points), 0), COALESCE(SUM(growth), 0), COALESCE(SUM(debt), 0) FROM member_ledger "
                        + "WHERE store_id = ? AND member_id = ?")) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new MemberBalance(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }

    /**
     * Appends {@code entry} for a member whose row this transaction {@link #lock locked} with totals
     * {@code before}, and stores the new totals.
     *
     * @return the totals after the entry
     */
    static MemberBalance append(Connection c, String storeId, String memberId, MemberBalance before, LedgerEntry entry,
                                Instant now) throws SQLException {
        MemberBalance after = before.plus(entry);
        insert(c, storeId, memberId, entry, now);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE member_balances SET points = ?, growth = ?, debt = ?, updated_at = ? WHERE store_id = ? AND member_id = ?")) {
            ps.setLong(1, after.points());
            ps.setLong(2, after.growth());
            ps.setLong(3, after.debt());
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, storeId);
            ps.setString(6, memberId);
            ps.executeUpdate();
        }
        return after;
    }

    private static void insert(Connection c, String storeId, String memberId, LedgerEntry e, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO member_ledger (store_id, member_id, kind, order_id, points, growth, debt, expires_at, "
                        + "expired_award_id, tier, plugin_id, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.NO_GENERATED_KEYS)) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            ps.setString(3, e.kind().name());
            ps.setString(4, e.orderId());
            ps.setLong(5, e.points());
            ps.setLong(6, e.growth());
            ps.setLong(7, e.debt());
            ps.setTimestamp(8, e.expiresAt() == null ? null : Timestamp.from(e.expiresAt()));
            if (e.expiredAwardId() == null) {
                ps.setNull(9, Types.BIGINT);
            } else {
                ps.setLong(9, e.expiredAwardId());
            }
            ps.setString(10, e.tier());
            ps.setString(11, e.pluginId());
            ps.setString(12, e.detail());
            ps.setTimestamp(13, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /** A stored entry with its id, for replays of a member's history. */
    record Row(long id, LedgerEntry entry) {
    }

    /** @return the member's entries in the order they were written */
    static List<Row> history(Connection c, String storeId, String memberId) throws SQLException {
        return rows(c, "WHERE store_id = ? AND member_id = ? ORDER BY id", storeId, memberId);
    }

    /** @return the entries of one order, locked, so the order's reversals see each other */
    static List<Row> ofOrder(Connection c, String storeId, String memberId, String orderId) throws SQLException {
        return rows(c, "WHERE store_id = ? AND order_id = ? AND member_id = ? ORDER BY id FOR UPDATE", storeId, orderId, memberId);
    }

    private static List<Row> rows(Connection c, String where, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, order_id, points, growth, debt, expires_at, "
                + "expired_award_id, tier, plugin_id, detail FROM member_ledger " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp expires = rs.getTimestamp(7);
                    long expired = rs.getLong(8);
                    Long expiredAward = rs.wasNull() ? null : expired;
                    rows.add(new Row(rs.getLong(1), new LedgerEntry(EntryKind.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), expires == null ? null : expires.toInstant(),
                            expiredAward, rs.getString(9), rs.getString(10), rs.getString(11))));
                }
            }
            return rows;
        }
    }
}
