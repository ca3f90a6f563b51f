package dev.mallkit.api.membership;

import dev.mallkit.api.Money;

import static java.util.Objects.requireNonNull;

/**
 * A member asks to pay part of an order with points.
 *
 * @param orderId         the order the points pay for
 * @param requestedPoints how many points the member asks to use, at least 1
 * @param orderAmount     the order amount before redemption, or null when the storefront did not send it
 */
public record RedemptionRequest(String orderId, long requestedPoints, Money orderAmount) {
    public RedemptionRequest {
        requireNonNull(orderId, "orderId is null");
        if (requestedPoints < 1) {
            throw new IllegalArgumentException("requestedPoints must be at least 1");
        }
    }
}
