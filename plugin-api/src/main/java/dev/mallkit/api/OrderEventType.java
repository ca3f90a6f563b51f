package dev.mallkit.api;

/** What happened to an order. */
public enum OrderEventType {
    /** The buyer paid; earnings (points, growth, commission) are created. */
    PAID,
    /** Some or all of the order was refunded; the host reverses earnings in proportion. */
    REFUNDED,
    /** The order can no longer be refunded (after-sales window closed). */
    COMPLETED
}
