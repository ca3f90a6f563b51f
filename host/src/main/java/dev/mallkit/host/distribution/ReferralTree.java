package dev.mallkit.host.distribution;

import dev.mallkit.api.distribution.CurrentBinding;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A store's referral tree on three tables: {@code referrals} (current referrer), {@code referral_history}
 * (every binding made, with the referrer it replaced) and {@code referral_ancestors}, a closure table of
 * (member, ancestor, depth) rows for every ancestor at any depth.
 *
 * <p><b>Why a closure table.</b> The tree is unbounded in depth, commission depth is not. The closure
 * answers "ancestors of X" with one index range read of exactly depth(X) rows (nearest first by the
 * primary key), "is X an ancestor of R" (loop refusal) with one unique-index probe, and "the subtree
 * of X" with one index range, all plain SQL that runs the same on H2 and MySQL and has no width limit
 * on depth. Team sizes are not counted from it per read (that grows with the downline): every bind
 * keeps {@link ReferralCounts} exact instead. A materialized path string would also find a subtree by
 * a prefix range, but its index key (at most 3072 bytes on InnoDB) caps the depth at about a hundred
 * levels, which a last-touch chain can exceed.
 *
 * <p><b>The price.</b> Storage is Σ depth(member) rows, and re-binding (a last-touch or expiring
 * take-over) moves the member's whole subtree S: the host deletes |S| × old-depth rows and inserts
 * |S| × (new depth) rows, all in the binding's transaction, and moves |S| between the old and the new
 * ancestors' counters (O(depth) updates). That stays correct at any depth and is cheap for the usual case (a new member is a leaf: depth(referrer) + 1 inserts); moving a member
 * with a large downline is proportionally expensive, which is acceptable because it is rare and
 * bounded by the same work a path rewrite would need.
 *
 * <p>Writers must hold the store's tree lock ({@link #lock}); every read a writer relies on is a
 * locking read, so it sees the latest committed tree even inside a transaction that read earlier.
 */
public final class ReferralTree {
    private ReferralTree() {
    }

    /** Serializes tree writes of one store: concurrent binds could otherwise close a loop together. */
    public static void lock(Connection c, String storeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM stores WHERE id = ? FOR UPDATE")) {
            ps.setString(1, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("store " + storeId + " does not exist");
                }
            }
        }
    }

    /** @return the member's current binding, or null when unbound (a locking read) */
    public static CurrentBinding current(Connection c, String storeId, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT referrer_id, source, bound_at FROM referrals WHERE store_id = ? AND member_id = ? FOR UPDATE")) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new CurrentBinding(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()) : null;
            }
        }
    }

    /** @return whether {@code ancestorId} is an ancestor of {@code memberId} at any depth (a locking read) */
    public static boolean isAncestor(Connection c, String storeId, String ancestorId, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT depth FROM referral_ancestors WHERE store_id = ? AND ancestor_id = ? AND member_id = ? FOR UPDATE")) {
            ps.setString(1, storeId);
            ps.setString(2, ancestorId);
            ps.setString(3, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** @return the member's ancestors nearest first, at most {@code limit} of them */
    public static List<String> ancestors(Connection c, String storeId, String memberId, int limit) throws SQLException {
        return ancestors(c, storeId, memberId, limit, "");
    }

    private static List<String> ancestors(Connection c, String storeId, String memberId, int limit, String lock) throws SQLException {
        List<String> out = new ArrayList<>();
        if (limit <= 0) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT ancestor_id FROM referral_ancestors "
                + "WHERE store_id = ? AND member_id = ? AND depth <= ? ORDER BY depth" + lock)) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** A member of a moving subtree and its distance below the subtree's root. */
    private record Descendant(String memberId, int depth) {
    }

    /**
     * Binds {@code memberId} to {@code referrerId}, moving the member's whole subtree, and records the
     * binding in the history. The caller holds the lock and has refused self-referral and loops.
     */
    public static void bind(Connection c, String storeId, String memberId, String referrerId, CurrentBinding replaced,
                     String source, String reason, Instant at) throws SQLException {
        List<Descendant> subtree = subtree(c, storeId, memberId);
        List<String> newAncestors = new ArrayList<>();
        newAncestors.add(referrerId);
        newAncestors.addAll(ancestors(c, storeId, referrerId, Integer.MAX_VALUE, " FOR UPDATE"));
        List<String> oldAncestors = replaced == null ? List.of() : ancestors(c, storeId, memberId, Integer.MAX_VALUE, " FOR UPDATE");
        if (replaced != null) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM referral_ancestors WHERE store_id = ? AND member_id = ? AND depth > ?")) {
                for (Descendant d : subtree) {
                    ps.setString(1, storeId);
                    ps.setString(2, d.memberId());
                    ps.setInt(3, d.depth());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO referral_ancestors (store_id, member_id, depth, ancestor_id) VALUES (?, ?, ?, ?)")) {
            int pending = 0;
            for (Descendant d : subtree) {
                for (int i = 0; i < newAncestors.size(); i++) {
                    ps.setString(1, storeId);
                    ps.setString(2, d.memberId());
                    ps.setInt(3, d.depth() + i + 1);
                    ps.setString(4, newAncestors.get(i));
                    ps.addBatch();
                    if (++pending % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
            }
            ps.executeBatch();
        }
        ReferralCounts.move(c, storeId, oldAncestors, newAncestors, subtree.size());
        writeReferral(c, storeId, memberId, referrerId, replaced != null, source, at);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO referral_history "
                + "(store_id, member_id, referrer_id, replaced_referrer_id, source, reason, bound_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            ps.setString(3, referrerId);
            ps.setString(4, replaced == null ? null : replaced.referrerId());
            ps.setString(5, source);
            ps.setString(6, reason);
            ps.setTimestamp(7, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    // the member itself at depth 0, then every descendant with its distance below the member
    private static List<Descendant> subtree(Connection c, String storeId, String memberId) throws SQLException {
        List<Descendant> out = new ArrayList<>();
        out.add(new Descendant(memberId, 0));
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT member_id, depth FROM referral_ancestors WHERE store_id = ? AND ancestor_id = ? FOR UPDATE")) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Descendant(rs.getString(1), rs.getInt(2)));
                }
            }
        }
        return out;
    }

    private static void writeReferral(Connection c, String storeId, String memberId, String referrerId, boolean exists,
                                      String source, Instant at) throws SQLException {
        String sql = exists
                ? "UPDATE referrals SET referrer_id = ?, source = ?, bound_at = ? WHERE store_id = ? AND member_id = ?"
                : "INSERT INTO referrals (referrer_id, source, bound_at, store_id, member_id) VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, referrerId);
            ps.setString(2, source);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setString(4, storeId);
            ps.setString(5, memberId);
            ps.executeUpdate();
        }
    }
}
