package dev.mallkit.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A binary referral tree over {@code member-0 .. member-(n-1)} of one store, written by JDBC batch the way
 * the host's tree keeps it (a {@code referrals} row per bound member, a {@code referral_ancestors} row per
 * ancestor and depth): member-k's referrer is member-((k-1)/2), so every member below the second level
 * has a two-level upline. Setup only; binding itself is not what the order-event row measures.
 */
final class ReferralFixture {
    private ReferralFixture() {
    }

    static void write(Connection c, String storeId, int members) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement referral = c.prepareStatement(
                "INSERT INTO referrals (store_id, member_id, referrer_id, source, bound_at) VALUES (?, ?, ?, 'bench', ?)");
             PreparedStatement ancestor = c.prepareStatement(
                     "INSERT INTO referral_ancestors (store_id, member_id, depth, ancestor_id) VALUES (?, ?, ?, ?)")) {
            for (int k = 1; k < members; k++) {
                String member = "member-" + k;
                referral.setString(1, storeId);
                referral.setString(2, member);
                referral.setString(3, "member-" + ((k - 1) / 2));
                referral.setTimestamp(4, now);
                referral.addBatch();
                int depth = 1;
                for (int up = (k - 1) / 2; ; up = (up - 1) / 2, depth++) {
                    ancestor.setString(1, storeId);
                    ancestor.setString(2, member);
                    ancestor.setInt(3, depth);
                    ancestor.setString(4, "member-" + up);
                    ancestor.addBatch();
                    if (up == 0) {
                        break;
                    }
                }
            }
            referral.executeBatch();
            ancestor.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
