package dev.mallkit.plugins.membershiptiers;

import static java.util.Objects.requireNonNull;

import dev.mallkit.api.BasisPoints;
import dev.mallkit.api.PluginConfig;

/**
 * One membership tier: a member holds it once their growth reaches {@code minGrowth}.
 *
 * @param code                stable tier code, e.g. {@code gold}
 * @param name                display name
 * @param minGrowth           growth (cumulative paid minor units) at which the tier starts, not negative
 * @param discountBps         member-price discount, 0..10000
 * @param pointsMultiplierBps multiplier on earned points, 10000 = 1×, up to 1,000,000
 */
public record Tier(String code, String name, long minGrowth, int discountBps, int pointsMultiplierBps) {
    public Tier {
        requireNonNull(code, "code is null");
        requireNonNull(name, "name is null");
        if (code.isBlank()) {
            throw new IllegalArgumentException("tier code is blank");
        }
        if (minGrowth < 0) {
            throw new IllegalArgumentException("minGrowth must not be negative: " + minGrowth);
        }
        BasisPoints.of(discountBps);
        BasisPoints.multiplier(pointsMultiplierBps);
    }

    /** @return the tier described by one element of the {@code tiers} option */
    static Tier from(PluginConfig item) {
        return new Tier(
                item.getString("code", ""),
                item.getString("name", item.getString("code", "")),
                item.getLong("minGrowth", 0),
                item.getInt("discountBps", 0),
                item.getInt("pointsMultiplierBps", BasisPoints.ONE));
    }
}
