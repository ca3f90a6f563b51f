package dev.mallkit.api.distribution;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.Slot;
import java.util.List;

/**
 * A store's distribution (referral commission) scheme. <b>Exclusive slot</b>: at most one per store.
 *
 * <p>The host owns the referral tree and the commission ledger. It asks the scheme whether a
 * referral binds, and which commission a PAID order generates for the buyer's upline. Refunds are
 * reversed by the host at the captured rate; a refund after settlement produces a clawback.
 */
@Slot(Slot.Kind.EXCLUSIVE)
public interface DistributionScheme extends MallkitExtension {

    /** Decides whether a referral attempt binds (first-touch, last-touch, expiring, register-only ...). */
    BindingDecision bind(PluginContext ctx, BindingRequest request);

    /**
     * Decides the commission of a PAID order.
     *
     * @param ctx    the call's context
     * @param event  the PAID event
     * @param upline the buyer's ancestors, nearest first, as deep as the platform policy allows
     * @return the splits and frozen period; the host refuses plans beyond the platform policy
     */
    CommissionPlan commissions(PluginContext ctx, OrderEvent event, List<String> upline);

    /** Declares the most a configuration can pay out, checked against platform policy at enable time. */
    CommissionLimits limits(PluginConfig config);
}
