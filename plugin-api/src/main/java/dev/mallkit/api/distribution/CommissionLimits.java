package dev.mallkit.api.distribution;

import dev.mallkit.api.BasisPoints;

import static java.util.Objects.requireNonNull;

/**
 * What a scheme's configuration can pay out at most, declared so the host can refuse a
 * configuration that exceeds the platform policy when the merchant enables it, instead of cutting
 * commissions silently later.
 *
 * @param levels        the deepest upline level the configuration pays (0 = self-purchase only)
 * @param totalRate     the highest total rate of an order it can pay out across all levels
 */
public record CommissionLimits(int levels, BasisPoints totalRate) {
    public CommissionLimits {
        requireNonNull(totalRate, "totalRate is null");
        if (levels < 0) {
            throw new IllegalArgumentException("levels must not be negative");
        }
    }
}
