package dev.mallkit.host.membership;

import dev.mallkit.host.db.Database;
import dev.mallkit.host.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Expires points in FIFO batches: for each award whose {@code pointsExpireAt} has passed, an EXPIRY entry
 * removes the award's unspent remainder (see {@link PointLots}). Idempotent: an award expires at most once
 * (a unique index backs this up across hosts), and a fully spent award gets a zero entry so later runs
 * skip it; running the job twice writes nothing new.
 */
public final class PointsExpiry {
    private final Database db;

    /** @param db the host's database, e.g. {@code mallkit.database()} */
    public PointsExpiry(Database db) {
        this.db = db;
    }

    /**
     * Writes the expiry entries due at {@code now}. Blocking: call it off the event loop.
     *
     * @return how many entries were written
     */
    public int expireDue(Instant now) throws SQLException {
        int written = 0;
        for (String[] member : db.inTransaction(c -> membersDue(c, now))) {
            try {
                written += db.inTransaction(c -> expire(LockedMember.lock(c, member[0], member[1], now), now));
            } catch (SQLException e) {
                if (!Dialect.isDuplicateKey(e)) {
                    throw e;
                }
                // another host expired the same award first; nothing left to do for this member
            }
        }
        return written;
    }

    /** Expires a locked member's awards due at {@code now}; @return the entries written */
    static int expire(LockedMember member, Instant now) throws SQLException {
        List<MemberLedger.Row> history = member.history();
        Set<Long> expired = new HashSet<>();
        for (MemberLedger.Row row : history) {
            if (row.entry().kind() == EntryKind.EXPIRY) {
                expired.add(row.entry().expiredAwardId());
            }
        }
        int written = 0;
        for (PointLots.Lot lot : PointLots.replay(history)) {
            if (lot.expiresAt() == null || lot.expiresAt().isAfter(now) || expired.contains(lot.awardId())) {
                continue;
            }
            member.append(new LedgerEntry(EntryKind.EXPIRY, lot.orderId(), -lot.remaining(), 0, 0, null, lot.awardId(), null, null,
                    lot.remaining() + " unspent points of award #" + lot.awardId() + " expired at " + lot.expiresAt()));
            written++;
        }
        return written;
    }

    private static List<String[]> membersDue(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT a.store_id, a.member_id FROM member_ledger a "
                + "WHERE a.expires_at <= ? AND a.kind = 'AWARD' AND a.points > 0 "
                + "AND NOT EXISTS (SELECT 1 FROM member_ledger e WHERE e.expired_award_id = a.id)")) {
            ps.setTimestamp(1, Timestamp.from(now));
            List<String[]> members = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    members.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return members;
        }
    }
}
