package dev.mallkit.api;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An order event as the host hands it to extension points, after it has been accepted and
 * de-duplicated on (store, order, type, seq).
 *
 * @param orderId    the store's order id
 * @param type       what happened
 * @param seq        the event's sequence number within (order, type), from 1
 * @param memberId   the buyer
 * @param amount     for PAID the amount paid; for REFUNDED the amount refunded by this event
 * @param lines      the order lines (for PAID the whole order; for REFUNDED the refunded lines, may be empty)
 * @param occurredAt when the event happened at the storefront
 */
public record OrderEvent(
        String orderId,
        OrderEventType type,
        long seq,
        String memberId,
        Money amount,
        List<OrderLine> lines,
        Instant occurredAt) {

    public OrderEvent {
        requireNonNull(orderId, "orderId is null");
        requireNonNull(type, "type is null");
        requireNonNull(memberId, "memberId is null");
        requireNonNull(amount, "amount is null");
        lines = List.copyOf(requireNonNull(lines, "lines is null"));
        requireNonNull(occurredAt, "occurredAt is null");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1: " + seq);
        }
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        for (OrderLine line : lines) {
            if (!line.amount().currency().equals(amount.currency())) {
                throw new IllegalArgumentException("line " + line.sku() + " is not in " + amount.currency());
            }
        }
    }
}
