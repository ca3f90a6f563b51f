package dev.mallkit.api;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One line of an order.
 *
 * @param sku      the store's stock-keeping unit id
 * @param quantity how many, at least 1
 * @param amount   the amount paid for the whole line, never negative
 * @param tags     merchant tags, e.g. {@code flash-sale} or {@code member-card}
 */
public record OrderLine(String sku, int quantity, Money amount, Set<String> tags) {
    public OrderLine {
        requireNonNull(sku, "sku is null");
        requireNonNull(amount, "amount is null");
        tags = Set.copyOf(requireNonNull(tags, "tags is null"));
        if (sku.isBlank()) {
            throw new IllegalArgumentException("sku is blank");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1: " + quantity);
        }
        if (amount.isNegative()) {
            throw new IllegalArgumentException("line amount must not be negative");
        }
    }

    /** @return whether the line carries {@code tag} */
    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }
}
