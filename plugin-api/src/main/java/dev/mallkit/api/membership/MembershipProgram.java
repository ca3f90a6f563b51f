package dev.mallkit.api.membership;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.Slot;

/**
 * A store's membership system. <b>Exclusive slot</b>: at most one per store.
 *
 * <p>The host calls {@link #onOrder} for PAID and COMPLETED events, once per de-duplicated event,
 * and records the decision in its append-only ledger. Refunds are not asked: the host reverses what
 * the order earned in proportion to the amount refunded, never more than was awarded. Switching a
 * store to another program keeps every member's ledger.
 */
@Slot(Slot.Kind.EXCLUSIVE)
public interface MembershipProgram extends MallkitExtension {

    /**
     * Decides what an order event earns.
     *
     * @param ctx    the call's context
     * @param event  a PAID or COMPLETED event
     * @param member the buyer's state before this event
     * @return points, growth, expiry and attributes to record
     */
    MembershipDecision onOrder(PluginContext ctx, OrderEvent event, MemberState member);

    /**
     * The member's tier and benefits, computed from their state; called for the member view and
     * before {@link #onOrder} so a multiplier can be applied.
     */
    MemberBenefits benefits(PluginContext ctx, MemberState member);

    /** Decides how many of the requested points may be redeemed on an order, and their value. */
    RedemptionDecision redeem(PluginContext ctx, MemberState member, RedemptionRequest request);
}
