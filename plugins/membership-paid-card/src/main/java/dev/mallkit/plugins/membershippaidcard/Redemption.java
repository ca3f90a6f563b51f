package dev.mallkit.plugins.membershippaidcard;

import static java.util.Objects.requireNonNull;

import dev.mallkit.api.BasisPoints;
import dev.mallkit.api.Money;
import dev.mallkit.api.membership.RedemptionDecision;
import dev.mallkit.api.membership.RedemptionRequest;

/**
 * How points turn into money at checkout.
 *
 * @param pointValueMinor minor units one point is worth
 * @param cap             the largest share of the order points may pay
 * @param currency        the currency when the request carries no order amount
 */
record Redemption(long pointValueMinor, BasisPoints cap, String currency) {
    Redemption {
        requireNonNull(cap, "cap is null");
        requireNonNull(currency, "currency is null");
    }

    /**
     * Grants the requested points, fewer when the cap on the order amount allows fewer. The member's
     * balance is not checked here: the host refuses a debit the balance does not cover.
     */
    RedemptionDecision decide(RedemptionRequest request) {
        Money order = request.orderAmount();
        String inCurrency = order == null ? currency : order.currency();
        if (pointValueMinor == 0) {
            return new RedemptionDecision(0, Money.zero(inCurrency), "points have no redemption value in this store");
        }
        long points = request.requestedPoints();
        String reason = "";
        if (order != null) {
            long capped = order.times(cap).minor() / pointValueMinor;
            if (capped < points) {
                points = capped;
                reason = "points may pay at most " + Display.percent(cap) + " of the order";
            }
        }
        return new RedemptionDecision(points, Money.of(Math.multiplyExact(points, pointValueMinor), inCurrency), reason);
    }
}
