package dev.mallkit.host.order;

import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.OrderLine;
import dev.mallkit.host.auth.Tokens;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.http.Bodies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /v1/stores/{store}/orders/{orderId}/events}, checked field by field, and its
 * canonical hash for idempotency (the same key with a different body is refused).
 */
public record OrderEventRequest(OrderEvent event, JsonObject attribution, String bodyHash) {
    private static final Set<String> FIELDS = Set.of("type", "seq", "memberId", "currency", "amount", "lines", "attribution", "occurredAt");
    private static final Set<String> LINE_FIELDS = Set.of("sku", "quantity", "amount", "tags");
    private static final int MAX_LINES = 500;

    /** Parses {@code body} for {@code orderId}; {@code now} stands in for a missing {@code occurredAt}. */
    public static OrderEventRequest parse(String orderId, JsonObject body, Instant now) {
        Bodies.onlyFields(body, FIELDS);
        OrderEventType type = type(Bodies.string(body, "type"));
        long seq = whole(body, "seq", 1, Long.MAX_VALUE);
        String memberId = Bodies.id(body, "memberId");
        String currency = Bodies.currency(body, "currency");
        long amount = whole(body, "amount", 0, 1_000_000_000_000L);
        List<OrderLine> lines = lines(body.getValue("lines"), currency);
        Object attribution = body.getValue("attribution");
        if (attribution != null && !(attribution instanceof JsonObject)) {
            throw invalid("attribution", "attribution must be an object");
        }
        Instant occurredAt = now;
        if (body.getValue("occurredAt") != null) {
            try {
                occurredAt = Instant.parse(Bodies.string(body, "occurredAt"));
            } catch (DateTimeParseException e) {
                throw invalid("occurredAt", "occurredAt must be an ISO-8601 instant");
            }
        }
        OrderEvent event = new OrderEvent(orderId, type, seq, memberId, Money.of(amount, currency), lines, occurredAt);
        JsonObject canonical = new JsonObject().put("type", type.name()).put("seq", seq).put("memberId", memberId)
                .put("currency", currency).put("amount", amount).put("lines", new JsonArray(lines.stream().map(l -> new JsonObject()
                        .put("sku", l.sku()).put("quantity", l.quantity()).put("amount", l.amount().minor())
                        .put("tags", new JsonArray(l.tags().stream().sorted().toList()))).toList()))
                .put("attribution", attribution == null ? null : sorted((JsonObject) attribution));
        return new OrderEventRequest(event, (JsonObject) attribution, Tokens.hash(canonical.encode()));
    }

    private static OrderEventType type(String value) {
        try {
            return OrderEventType.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw invalid("type", "type must be PAID, REFUNDED or COMPLETED");
        }
    }

    private static List<OrderLine> lines(Object value, String currency) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > MAX_LINES) {
            throw invalid("lines", "lines must be an array of at most " + MAX_LINES + " lines");
        }
        List<OrderLine> lines = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject line)) {
                throw invalid("lines[" + i + "]", "each line must be an object");
            }
            Bodies.onlyFields(line, LINE_FIELDS);
            String sku = Bodies.string(line, "sku");
            if (sku.isBlank() || sku.length() > 64) {
                throw invalid("lines[" + i + "].sku", "sku must be 1-64 characters");
            }
            int quantity = (int) whole(line, "quantity", 1, 1_000_000);
            long amount = whole(line, "amount", 0, 1_000_000_000_000L);
            Set<String> tags = new LinkedHashSet<>();
            Object rawTags = line.getValue("tags");
            if (rawTags != null) {
                if (!(rawTags instanceof JsonArray tagArray) || tagArray.size() > 32) {
                    throw invalid("lines[" + i + "].tags", "tags must be an array of at most 32 strings");
                }
                for (Object tag : tagArray) {
                    if (!(tag instanceof String s) || s.isBlank() || s.length() > 64) {
                        throw invalid("lines[" + i + "].tags", "tags must be strings of 1-64 characters");
                    }
                    tags.add(s);
                }
            }
            lines.add(new OrderLine(sku, quantity, Money.of(amount, currency), tags));
        }
        return lines;
    }

    private static long whole(JsonObject body, String field, long min, long max) {
        Object value = body.getValue(field);
        if (value == null) {
            throw new HostError(ErrorCode.FIELD_REQUIRED, field + " is required", new JsonArray().add(field));
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min || ((Number) value).longValue() > max) {
            throw invalid(field, field + " must be a whole number from " + min + " to " + max + " (money is in minor units)");
        }
        return ((Number) value).longValue();
    }

    private static JsonObject sorted(JsonObject object) {
        JsonObject out = new JsonObject();
        object.fieldNames().stream().sorted().forEach(k -> out.put(k, object.getValue(k)));
        return out;
    }

    private static HostError invalid(String field, String message) {
        return new HostError(ErrorCode.FIELD_INVALID, message, new JsonArray().add(field));
    }
}
