package dev.mallkit.api.membership;

import dev.mallkit.api.Money;

import static java.util.Objects.requireNonNull;

/**
 * How many of the requested points may be used and what they are worth. The host debits them
 * atomically and refuses with {@code INSUFFICIENT_POINTS} when the balance does not cover them.
 *
 * @param points how many points to debit, between 0 and the requested amount
 * @param value  the money they take off the order, never negative
 * @param reason why fewer than requested, if so
 */
public record RedemptionDecision(long points, Money value, String reason) {
    public RedemptionDecision {
        requireNonNull(value, "value is null");
        requireNonNull(reason, "reason is null");
        if (points < 0 || value.isNegative()) {
            throw new IllegalArgumentException("points and value must not be negative");
        }
    }
}
