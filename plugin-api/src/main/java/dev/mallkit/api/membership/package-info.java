/**
 * Membership systems: tiers, points, growth, member prices and redemption. The host keeps the
 * append-only member ledger; a {@link dev.mallkit.api.membership.MembershipProgram} decides what
 * each order earns, which tier a member holds and how many points may be redeemed.
 */
package dev.mallkit.api.membership;
