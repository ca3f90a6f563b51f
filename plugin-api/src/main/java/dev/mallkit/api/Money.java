package dev.mallkit.api;

import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * An amount of money in integer minor units (fen for CNY) of an ISO 4217 currency.
 *
 * <p>Rounding is stated once, here: {@link #times(BasisPoints)} and {@link #proportion(long, long)}
 * round toward zero, so a split never exceeds its base and the remainder stays with the merchant.
 *
 * @param minor    the amount in minor units; may be negative only for reversals computed by the host
 * @param currency three upper-case letters, e.g. {@code CNY}
 */
public record Money(long minor, String currency) {
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public Money {
        requireNonNull(currency, "currency is null");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be three upper-case letters: " + currency);
        }
    }

    /** @return the amount {@code minor} of {@code currency} */
    public static Money of(long minor, String currency) {
        return new Money(minor, currency);
    }

    /** @return zero of {@code currency} */
    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    /** @return this plus {@code other}; both must have the same currency; fails on overflow */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    /** @return this minus {@code other}; both must have the same currency; fails on overflow */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    /** @return this amount times {@code rate}, rounded toward zero */
    public Money times(BasisPoints rate) {
        requireNonNull(rate, "rate is null");
        return new Money(Math.multiplyExact(minor, (long) rate.value()) / BasisPoints.ONE, currency);
    }

    /** @return {@code minor × numerator / denominator} rounded toward zero; denominator must be positive */
    public Money proportion(long numerator, long denominator) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be positive: " + denominator);
        }
        return new Money(Math.multiplyExact(minor, numerator) / denominator, currency);
    }

    /** @return whether the amount is below zero */
    public boolean isNegative() {
        return minor < 0;
    }

    private void requireSameCurrency(Money other) {
        requireNonNull(other, "other is null");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }
}
