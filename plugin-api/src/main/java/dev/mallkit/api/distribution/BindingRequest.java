package dev.mallkit.api.distribution;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A referral attempt: {@code referrerId} asks to become {@code memberId}'s referrer. The host has
 * already refused self-referral and loops through any ancestor before the scheme is asked.
 *
 * @param memberId        the member to bind
 * @param referrerId      the would-be referrer
 * @param source          where the attempt came from, e.g. {@code share-link}, {@code live-room}
 * @param at              when the attempt happened
 * @param memberFirstSeen when the store first saw the member (this attempt if the member is new)
 * @param current         the member's current binding, or null if unbound
 */
public record BindingRequest(String memberId, String referrerId, String source, Instant at, Instant memberFirstSeen, CurrentBinding current) {
    public BindingRequest {
        requireNonNull(memberId, "memberId is null");
        requireNonNull(referrerId, "referrerId is null");
        requireNonNull(source, "source is null");
        requireNonNull(at, "at is null");
        requireNonNull(memberFirstSeen, "memberFirstSeen is null");
    }
}
