package dev.mallkit.api.membership;

import dev.mallkit.api.BasisPoints;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The tier a member holds and what it is worth, shown on the member view and applied at checkout.
 *
 * @param tier             the tier code, e.g. {@code gold}; {@code none} for no tier
 * @param tierName         display name
 * @param discount         member-price discount on eligible lines
 * @param pointsMultiplier multiplier applied to earned points (10000 = 1×)
 * @param perks            display lines, e.g. {@code free shipping}
 */
public record MemberBenefits(String tier, String tierName, BasisPoints discount, BasisPoints pointsMultiplier, List<String> perks) {
    public MemberBenefits {
        requireNonNull(tier, "tier is null");
        requireNonNull(tierName, "tierName is null");
        requireNonNull(discount, "discount is null");
        requireNonNull(pointsMultiplier, "pointsMultiplier is null");
        perks = List.copyOf(requireNonNull(perks, "perks is null"));
        if (discount.value() > BasisPoints.ONE) {
            throw new IllegalArgumentException("discount must not exceed 100%");
        }
    }
}
