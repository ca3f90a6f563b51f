package dev.mallkit.host.membership;

import java.math.BigInteger;
import java.util.List;

/**
 * What one order earned a member and how much of it refunds have reversed so far.
 *
 * <p>Rounding, stated once: after refunds totalling {@code refunded} of {@code paid}, the cumulative
 * reversal is {@code floor(awarded × refunded / paid)}; each refund reverses that minus what earlier refunds
 * reversed. So the reversals never exceed the award and a full refund reverses exactly the award.
 *
 * @param awardedPoints  points the order's events awarded
 * @param awardedGrowth  growth the order's events added
 * @param reversedPoints points reversed so far, counting both what was taken back and what became debt
 * @param reversedGrowth growth reversed so far
 */
record OrderEarnings(long awardedPoints, long awardedGrowth, long reversedPoints, long reversedGrowth) {

    /** @return the earnings recorded by the order's ledger rows */
    static OrderEarnings of(List<MemberLedger.Row> rows) {
        long awardedPoints = 0;
        long awardedGrowth = 0;
        long reversedPoints = 0;
        long reversedGrowth = 0;
        for (MemberLedger.Row row : rows) {
            LedgerEntry e = row.entry();
            if (e.kind() == EntryKind.AWARD) {
                awardedPoints += e.points();
                awardedGrowth += e.growth();
            } else if (e.kind() == EntryKind.REVERSAL) {
                reversedPoints += -e.points() + e.debt();
                reversedGrowth += -e.growth();
            }
        }
        return new OrderEarnings(awardedPoints, awardedGrowth, reversedPoints, reversedGrowth);
    }

    /** @return the points this refund reverses, given the order's refund total including it */
    long pointsToReverse(long refundedTotal, long paid) {
        return Math.max(0, cumulative(awardedPoints, refundedTotal, paid) - reversedPoints);
    }

    /** @return the growth this refund reverses, given the order's refund total including it */
    long growthToReverse(long refundedTotal, long paid) {
        return Math.max(0, cumulative(awardedGrowth, refundedTotal, paid) - reversedGrowth);
    }

    private static long cumulative(long awarded, long refundedTotal, long paid) {
        if (paid <= 0 || refundedTotal >= paid) {
            return awarded;
        }
        // exact integer arithmetic: awarded × refunded may exceed a long
        return BigInteger.valueOf(awarded).multiply(BigInteger.valueOf(refundedTotal)).divide(BigInteger.valueOf(paid)).longValueExact();
    }
}
