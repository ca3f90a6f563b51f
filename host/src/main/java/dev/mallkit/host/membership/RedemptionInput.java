package dev.mallkit.host.membership;

import dev.mallkit.api.Money;
import dev.mallkit.api.membership.RedemptionRequest;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.http.Bodies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The body of {@code POST /v1/stores/{store}/members/{memberId}/redemptions}: {@code orderId}, {@code points},
 * and optionally {@code orderAmount} (minor units) with its {@code currency}, which lets the program cap
 * the share of the order points may pay.
 *
 * @param request the request as the program sees it
 */
record RedemptionInput(RedemptionRequest request) {
    private static final Set<String> FIELDS = Set.of("orderId", "points", "orderAmount", "currency");
    private static final long MAX = 1_000_000_000_000L;

    /** Parses and checks {@code body}; every problem is a 400 naming the field. */
    static RedemptionInput parse(JsonObject body) {
        Bodies.onlyFields(body, FIELDS);
        String orderId = Bodies.id(body, "orderId");
        long points = whole(body, "points", 1);
        Money orderAmount = null;
        if (body.getValue("orderAmount") != null) {
            String currency = Bodies.currency(body, "currency");
            orderAmount = Money.of(whole(body, "orderAmount", 0), currency);
        } else if (body.getValue("currency") != null) {
            throw invalid("currency", "currency goes with orderAmount, the order amount in minor units");
        }
        return new RedemptionInput(new RedemptionRequest(orderId, points, orderAmount));
    }

    /** @return whether a stored redemption was asked with the same points and order amount */
    boolean sameAs(long requestedPoints, Long orderAmountMinor) {
        Money amount = request.orderAmount();
        return requestedPoints == request.requestedPoints()
                && (amount == null ? orderAmountMinor == null : orderAmountMinor != null && orderAmountMinor == amount.minor());
    }

    private static long whole(JsonObject body, String field, long min) {
        Object value = body.getValue(field);
        if (value == null) {
            throw new HostError(ErrorCode.FIELD_REQUIRED, field + " is required", new JsonArray().add(field));
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min || ((Number) value).longValue() > MAX) {
            throw invalid(field, field + " must be a whole number from " + min + " to " + MAX);
        }
        return ((Number) value).longValue();
    }

    private static HostError invalid(String field, String message) {
        return new HostError(ErrorCode.FIELD_INVALID, message, new JsonArray().add(field));
    }
}
