/**
 * Membership: the points and growth ledger (append-only, exact to the point), tiers decided by the store's
 * {@code MembershipProgram}, redemptions, expiry, and the {@code points} effect of order events.
 */
package dev.mallkit.host.membership;
