package dev.mallkit.host.membership;

import dev.mallkit.api.membership.MemberState;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.order.Members;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** Unlocked reads of a member, for views and for asking a program before a locked write. */
final class MemberReads {
    private MemberReads() {
    }

    /**
     * A member as the view shows it.
     *
     * @param state the member as programs see it
     * @param debt  points a refund could not take back yet
     */
    record Read(MemberState state, long debt) {
    }

    /** @return the member's state and debt, both derived from one read of the ledger; 404 when never seen */
    static Read read(Connection c, String storeId, String memberId) throws SQLException {
        Instant firstSeen = Members.firstSeen(c, storeId, memberId);
        if (firstSeen == null) {
            throw HostError.notFound("member '" + memberId + "'");
        }
        MemberBalance balance = MemberLedger.read(c, storeId, memberId);
        return new Read(new MemberState(memberId, balance.points(), balance.growth(), firstSeen,
                MemberAttributes.read(c, storeId, memberId, false)), balance.debt());
    }
}
