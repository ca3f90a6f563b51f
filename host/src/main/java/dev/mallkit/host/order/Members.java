package dev.mallkit.host.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** The members a store has seen, and when it first saw each. */
public final class Members {
    private Members() {
    }

    /** Records {@code memberId} as seen at {@code at} unless already known; returns when it was first seen. */
    public static Instant touch(Connection c, String storeId, String memberId, Instant at) throws SQLException {
        Instant known = firstSeen(c, storeId, memberId);
        if (known != null) {
            return known;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO members (store_id, member_id, first_seen) VALUES (?, ?, ?)")) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.executeUpdate();
            return at;
        } catch (SQLException e) {
            // a concurrent first sighting won the insert. Its row is committed but may postdate this transaction's
            // snapshot (MySQL's REPEATABLE READ), so it is read with a locking read, which sees the latest commit
            Instant raced = firstSeen(c, storeId, memberId, " FOR UPDATE");
            if (raced == null) {
                throw e;
            }
            return raced;
        }
    }

    /** @return when {@code memberId} was first seen, or null */
    public static Instant firstSeen(Connection c, String storeId, String memberId) throws SQLException {
        return firstSeen(c, storeId, memberId, "");
    }

    private static Instant firstSeen(Connection c, String storeId, String memberId, String lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT first_seen FROM members WHERE store_id = ? AND member_id = ?" + lock)) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1).toInstant() : null;
            }
        }
    }
}
