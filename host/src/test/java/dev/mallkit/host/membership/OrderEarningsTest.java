package dev.mallkit.host.membership;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rounding of proportional reversals, without a database. */
class OrderEarningsTest {

    private static MemberLedger.Row row(long id, EntryKind kind, long points, long growth, long debt) {
        return new MemberLedger.Row(id, new LedgerEntry(kind, "o-1", points, growth, debt, null, null, null, null, ""));
    }

    @Test
    void cumulativeReversalsNeverExceedTheAwardAndAFullRefundReversesItExactly() {
        long paid = 997;
        long awarded = 1_000;
        long reversedSoFar = 0;
        long refundedTotal = 0;
        for (long refund : new long[] {1, 333, 332, 330, 1}) {
            refundedTotal += refund;
            OrderEarnings earnings = new OrderEarnings(awarded, 0, reversedSoFar, 0);
            long reversal = earnings.pointsToReverse(refundedTotal, paid);
            assertThat(reversal).isNotNegative();
            reversedSoFar += reversal;
            assertThat(reversedSoFar).isLessThanOrEqualTo(awarded).isEqualTo(awarded * refundedTotal / paid);
        }
        assertThat(refundedTotal).isEqualTo(paid);
        assertThat(reversedSoFar).isEqualTo(awarded);
    }

    @Test
    void reversedCountsWhatWasTakenAndWhatBecameDebt() {
        OrderEarnings earnings = OrderEarnings.of(List.of(
                row(1, EntryKind.AWARD, 100, 10_000, 0),
                row(2, EntryKind.REVERSAL, -20, -5_000, 30),
                row(3, EntryKind.TIER, 0, 0, 0)));
        assertThat(earnings.reversedPoints()).isEqualTo(50);
        assertThat(earnings.pointsToReverse(10_000, 10_000)).isEqualTo(50);
        assertThat(earnings.growthToReverse(10_000, 10_000)).isEqualTo(5_000);
    }

    @Test
    void hugeAwardsDoNotOverflow() {
        OrderEarnings earnings = new OrderEarnings(Long.MAX_VALUE / 2, 0, 0, 0);
        assertThat(earnings.pointsToReverse(999_999_999_999L, 1_000_000_000_000L)).isPositive().isLessThan(Long.MAX_VALUE / 2);
    }
}
