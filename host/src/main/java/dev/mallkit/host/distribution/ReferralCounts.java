package dev.mallkit.host.distribution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Per-member team counters ({@code referral_counts}): how many members a member referred directly and
 * how many it has below it at any depth. Reading them is one primary-key probe however large the team;
 * {@link ReferralTree#bind} keeps them exact in the binding's transaction with O(depth) updates, under
 * the store's tree lock. Invariant: every member with at least one descendant has a row (a row may
 * drop to zero after its team moved away); a member without a row has no team.
 */
public final class ReferralCounts {
    // bounds the IN list of one update; a chain deeper than this takes several statements
    private static final int CHUNK = 500;

    private ReferralCounts() {
    }

    /** A member's team size. */
    public record Team(long directCount, long downlineSize) {
        public Team {
            if (directCount < 0 || downlineSize < directCount) {
                throw new IllegalArgumentException("team counts out of range: direct " + directCount + ", downline " + downlineSize);
            }
        }
    }

    /** @return the member's counters, zero for a member nobody was bound under */
    public static Team of(Connection c, String storeId, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT direct_count, downline_size FROM referral_counts WHERE store_id = ? AND member_id = ?")) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Team(rs.getLong(1), rs.getLong(2)) : new Team(0, 0);
            }
        }
    }

    /**
     * Moves a subtree of {@code size} members (its root included) from below {@code from} to below
     * {@code to}; both lists are the root's ancestors nearest first, {@code from} empty when the root
     * was unbound. The same member may be in both lists: its two updates cancel out.
     */
    static void move(Connection c, String storeId, List<String> from, List<String> to, long size) throws SQLException {
        if (!from.isEmpty()) {
            add(c, storeId, from, -size);
        }
        add(c, storeId, to, size);
    }

    private static void add(Connection c, String storeId, List<String> ancestors, long delta) throws SQLException {
        long direct = Long.signum(delta);
        String referrer = ancestors.getFirst();
        if (update(c, "direct_count = direct_count + " + direct + ", downline_size = downline_size + ?", storeId, List.of(referrer), delta) == 0) {
            check(delta > 0, storeId, referrer);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO referral_counts (store_id, member_id, direct_count, downline_size) VALUES (?, ?, 1, ?)")) {
                ps.setString(1, storeId);
                ps.setString(2, referrer);
                ps.setLong(3, delta);
                ps.executeUpdate();
            }
        }
        // every higher ancestor already has the referrer below it, hence a row
        for (int from = 1; from < ancestors.size(); from += CHUNK) {
            List<String> chunk = ancestors.subList(from, Math.min(from + CHUNK, ancestors.size()));
            check(update(c, "downline_size = downline_size + ?", storeId, chunk, delta) == chunk.size(), storeId, chunk.getFirst());
        }
    }

    private static int update(Connection c, String set, String storeId, List<String> members, long delta) throws SQLException {
        String in = "?" + ", ?".repeat(members.size() - 1);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE referral_counts SET " + set + " WHERE store_id = ? AND member_id IN (" + in + ")")) {
            ps.setLong(1, delta);
            ps.setString(2, storeId);
            for (int i = 0; i < members.size(); i++) {
                ps.setString(3 + i, members.get(i));
            }
            return ps.executeUpdate();
        }
    }

    private static void check(boolean holds, String storeId, String memberId) {
        if (!holds) {
            throw new IllegalStateException("referral_counts out of step with the tree at " + storeId + "/" + memberId);
        }
    }
}
