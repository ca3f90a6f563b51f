package dev.mallkit.host.membership;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** FIFO replay of a member's ledger into award remainders, without a database. */
class PointLotsTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static MemberLedger.Row row(long id, EntryKind kind, String order, long points, Long expiredAward) {
        return new MemberLedger.Row(id, new LedgerEntry(kind, order, points, 0, 0, kind == EntryKind.AWARD ? T : null,
                expiredAward, null, null, ""));
    }

    @Test
    void redemptionsConsumeOldestAwardsFirst() {
        List<PointLots.Lot> lots = PointLots.replay(List.of(
                row(1, EntryKind.AWARD, "a", 100, null),
                row(2, EntryKind.AWARD, "b", 50, null),
                row(3, EntryKind.REDEMPTION, "x", -120, null)));
        assertThat(lots).extracting(PointLots.Lot::remaining).containsExactly(0L, 30L);
    }

    @Test
    void reversalConsumesItsOwnOrderFirstAndExpiryItsOwnAward() {
        List<PointLots.Lot> lots = PointLots.replay(List.of(
                row(1, EntryKind.AWARD, "a", 100, null),
                row(2, EntryKind.AWARD, "b", 50, null),
                row(3, EntryKind.REVERSAL, "b", -60, null),
                row(4, EntryKind.EXPIRY, "a", -40, 1L)));
        // b's reversal takes its own 50 and then 10 of a; the expiry takes 40 more of a
        assertThat(lots).extracting(PointLots.Lot::remaining).containsExactly(50L, 0L);
    }
}
