package dev.mallkit.api.membership;

import java.time.Instant;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A member as the host's ledger sees it at the moment of the call.
 *
 * @param memberId   the member
 * @param points     the redeemable points balance (derived from the ledger), never negative
 * @param growth     cumulative growth value, never negative
 * @param firstSeen  when the store first saw the member
 * @param attributes attributes the program set earlier through {@link MembershipDecision#attributes()}
 */
public record MemberState(String memberId, long points, long growth, Instant firstSeen, Map<String, String> attributes) {
    public MemberState {
        requireNonNull(memberId, "memberId is null");
        requireNonNull(firstSeen, "firstSeen is null");
        attributes = Map.copyOf(requireNonNull(attributes, "attributes is null"));
        if (points < 0 || growth < 0) {
            throw new IllegalArgumentException("points and growth must not be negative");
        }
    }
}
