package dev.mallkit.api.distribution;

import dev.mallkit.api.Money;

import static java.util.Objects.requireNonNull;

/**
 * One beneficiary's commission on an order.
 *
 * @param level         0 for the buyer's own self-purchase commission, 1 for the direct referrer, 2 for theirs, ...
 * @param beneficiaryId must be the buyer (level 0) or the upline member at {@code level}
 * @param amount        positive amount in the order's currency
 * @param reason        a short explanation kept in the ledger, e.g. {@code L1 10% of 199.00}
 */
public record CommissionSplit(int level, String beneficiaryId, Money amount, String reason) {
    public CommissionSplit {
        requireNonNull(beneficiaryId, "beneficiaryId is null");
        requireNonNull(amount, "amount is null");
        requireNonNull(reason, "reason is null");
        if (level < 0) {
            throw new IllegalArgumentException("level must not be negative");
        }
        if (amount.minor() <= 0) {
            throw new IllegalArgumentException("a commission split must be positive");
        }
    }
}
