package dev.mallkit.host.membership;

import dev.mallkit.api.membership.MemberState;
import dev.mallkit.host.http.ApiError;
import dev.mallkit.host.order.Members;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** Unlocked reads of a member, for views and for asking a program before a locked write. */
final class MemberReads {
    private MemberReads() {
    }

    /** @return the member's state derived from the ledger; 404 when the store never saw the member */
    static MemberState state(Connection c, String storeId, String memberId) throws SQLException {
        Instant firstSeen = Members.firstSeen(c, storeId, memberId);
        if (firstSeen == null) {
            throw ApiError.notFound("member '" + memberId + "'");
        }
        MemberBalance balance = MemberLedger.read(c, storeId, memberId);
        return new MemberState(memberId, balance.points(), balance.growth(), firstSeen,
                MemberAttributes.read(c, storeId, memberId, false));
    }

    /** @return the member's outstanding debt, derived from the ledger */
    static long debt(Connection c, String storeId, String memberId) throws SQLException {
        return MemberLedger.read(c, storeId, memberId).debt();
    }
}
