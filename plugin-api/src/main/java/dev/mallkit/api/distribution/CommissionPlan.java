package dev.mallkit.api.distribution;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The commission a paid order generates. The host checks it against the platform policy (levels,
 * total cap), records each split as PENDING and settles it after {@code frozenPeriod}.
 *
 * @param splits       the splits, at most one per level
 * @param frozenPeriod how long the commission stays pending before settlement, not negative
 */
public record CommissionPlan(List<CommissionSplit> splits, Duration frozenPeriod) {
    public CommissionPlan {
        splits = List.copyOf(requireNonNull(splits, "splits is null"));
        requireNonNull(frozenPeriod, "frozenPeriod is null");
        if (frozenPeriod.isNegative()) {
            throw new IllegalArgumentException("frozenPeriod must not be negative");
        }
    }

    /** @return a plan with no commission */
    public static CommissionPlan none() {
        return new CommissionPlan(List.of(), Duration.ZERO);
    }
}
