package dev.mallkit.api;

/**
 * A rate in basis points: 1 bp = 0.01 %, {@value #ONE} bp = 100 %. Rates of money splits and
 * discounts lie in {@code [0, 10000]}; multipliers (e.g. a points multiplier of 1.5×) use
 * {@link #multiplier(int)}, which allows larger values.
 *
 * @param value the rate in basis points, never negative
 */
public record BasisPoints(int value) {
    /** 100 % in basis points. */
    public static final int ONE = 10_000;

    public BasisPoints {
        if (value < 0) {
            throw new IllegalArgumentException("basis points must not be negative: " + value);
        }
    }

    /** @return a rate in {@code [0, 10000]} */
    public static BasisPoints of(int value) {
        if (value > ONE) {
            throw new IllegalArgumentException("a rate must not exceed 10000 bp: " + value);
        }
        return new BasisPoints(value);
    }

    /** @return a multiplier, which may exceed 10000 bp (1×) up to 1,000,000 bp (100×) */
    public static BasisPoints multiplier(int value) {
        if (value > 100 * ONE) {
            throw new IllegalArgumentException("a multiplier must not exceed 1000000 bp: " + value);
        }
        return new BasisPoints(value);
    }

    /** @return {@code quantity × this / 10000}, rounded toward zero */
    public long applyTo(long quantity) {
        return Math.multiplyExact(quantity, (long) value) / ONE;
    }
}
