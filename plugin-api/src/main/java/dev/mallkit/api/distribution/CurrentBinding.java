package dev.mallkit.api.distribution;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A member's current referrer.
 *
 * @param referrerId who referred the member
 * @param source     where the binding came from, e.g. {@code share-link}, {@code live-room}
 * @param boundAt    when it was made
 */
public record CurrentBinding(String referrerId, String source, Instant boundAt) {
    public CurrentBinding {
        requireNonNull(referrerId, "referrerId is null");
        requireNonNull(source, "source is null");
        requireNonNull(boundAt, "boundAt is null");
    }
}
