package dev.mallkit.plugins.membershippaidcard;

import static java.util.Objects.requireNonNull;

import dev.mallkit.api.BasisPoints;
import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginException;

/**
 * A store's configuration of the paid card. The defaults here are the ones the descriptor's JSON
 * Schema declares; a test keeps the two in step.
 *
 * @param cardTag             the order-line tag that marks a card purchase
 * @param cardName            the tier name card holders see
 * @param cardValidityDays    days one card (per unit bought) adds; 0 = permanent
 * @param memberDiscount      member-price discount for holders
 * @param pointsMultiplier    multiplier on points holders earn
 * @param pointsPerYuan       points per full yuan paid, before the multiplier
 * @param pointsValidityDays  days until earned points expire; 0 = never
 * @param redemption          how points redeem at checkout
 */
record PaidCardConfig(
        String cardTag,
        String cardName,
        int cardValidityDays,
        BasisPoints memberDiscount,
        BasisPoints pointsMultiplier,
        int pointsPerYuan,
        int pointsValidityDays,
        Redemption redemption) {

    PaidCardConfig {
        requireNonNull(cardTag, "cardTag is null");
        requireNonNull(cardName, "cardName is null");
        requireNonNull(memberDiscount, "memberDiscount is null");
        requireNonNull(pointsMultiplier, "pointsMultiplier is null");
        requireNonNull(redemption, "redemption is null");
        if (cardTag.isBlank()) {
            throw new IllegalArgumentException("cardTag is blank");
        }
        if (cardValidityDays < 0 || pointsPerYuan < 0 || pointsValidityDays < 0 || redemption.pointValueMinor() < 0) {
            throw new IllegalArgumentException("day counts, pointsPerYuan and pointValueMinor must not be negative");
        }
    }

    /** @return the configuration {@code config} describes; fails with {@code CONFIG_INVALID} when it cannot */
    static PaidCardConfig read(PluginConfig config) {
        try {
            return new PaidCardConfig(
                    config.getString("cardTag", "member-card"),
                    config.getString("cardName", "Paid member"),
                    config.getInt("cardValidityDays", 365),
                    BasisPoints.of(config.getInt("memberDiscountBps", 500)),
                    BasisPoints.multiplier(config.getInt("pointsMultiplierBps", 20_000)),
                    config.getInt("pointsPerYuan", 1),
                    config.getInt("pointsValidityDays", 0),
                    new Redemption(
                            config.getLong("pointValueMinor", 1),
                            BasisPoints.of(config.getInt("redeemCapBps", 5_000)),
                            config.getString("currency", "CNY")));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new PluginException(ErrorCategory.USER_ERROR, "CONFIG_INVALID", e.getMessage(), e);
        }
    }
}
