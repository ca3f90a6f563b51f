package dev.mallkit.host.membership;

/**
 * A member's totals, the sums of their ledger.
 *
 * @param points redeemable points, never negative
 * @param growth cumulative growth, never negative
 * @param debt   points a reversal could not take back because they were already spent; settled by later awards
 */
public record MemberBalance(long points, long growth, long debt) {
    public MemberBalance {
        if (points < 0 || growth < 0 || debt < 0) {
            throw new IllegalArgumentException("points, growth and debt must not be negative: " + points + "/" + growth + "/" + debt);
        }
    }

    /** @return the totals after {@code entry} */
    MemberBalance plus(LedgerEntry entry) {
        return new MemberBalance(Math.addExact(points, entry.points()), Math.addExact(growth, entry.growth()),
                Math.addExact(debt, entry.debt()));
    }
}
