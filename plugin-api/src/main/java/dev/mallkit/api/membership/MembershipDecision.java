package dev.mallkit.api.membership;

import java.time.Instant;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a paid or completed order earns a member. The host appends the points and growth to the
 * member ledger, stores the attributes, and later reverses the earnings in proportion on refund.
 *
 * @param points          points to award, never negative
 * @param growth          growth to add, never negative
 * @param pointsExpireAt  when the awarded points expire (FIFO), or null for never
 * @param attributes      member attributes to set (e.g. {@code card.validUntil}); an empty value removes one
 * @param reason          a short explanation kept in the ledger, e.g. {@code 1 pt per yuan × 1.5 (gold)}
 */
public record MembershipDecision(long points, long growth, Instant pointsExpireAt, Map<String, String> attributes, String reason) {
    public MembershipDecision {
        attributes = Map.copyOf(requireNonNull(attributes, "attributes is null"));
        requireNonNull(reason, "reason is null");
        if (points < 0 || growth < 0) {
            throw new IllegalArgumentException("points and growth must not be negative");
        }
    }

    /** @return a decision that awards nothing */
    public static MembershipDecision nothing(String reason) {
        return new MembershipDecision(0, 0, null, Map.of(), reason);
    }
}
