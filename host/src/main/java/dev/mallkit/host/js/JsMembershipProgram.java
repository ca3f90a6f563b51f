package dev.mallkit.host.js;

import dev.mallkit.api.BasisPoints;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.membership.MemberBenefits;
import dev.mallkit.api.membership.MemberState;
import dev.mallkit.api.membership.MembershipDecision;
import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.api.membership.RedemptionDecision;
import dev.mallkit.api.membership.RedemptionRequest;

/**
 * A {@link MembershipProgram} whose module exports {@code onOrder(ctx, event, member)},
 * {@code benefits(ctx, member)} and {@code redeem(ctx, member, request)}. Rates come back as integer
 * basis points: {@code {tier, tierName, discount: 500, pointsMultiplier: 15000, perks: []}}.
 */
public final class JsMembershipProgram extends JsExtension implements MembershipProgram {

    public JsMembershipProgram(JsRunner sandboxes, JsLimits limits) {
        super(sandboxes, limits);
    }

    @Override
    public MembershipDecision onOrder(PluginContext ctx, OrderEvent event, MemberState member) {
        JsResult r = call("onOrder", new JsArgs().context(ctx).event(event).member(member)).object();
        return r.build(() -> new MembershipDecision(
                r.field("points").integer(),
                r.field("growth").integer(),
                r.field("pointsExpireAt").instantOrNull(),
                r.field("attributes").stringMap(),
                r.field("reason").text()));
    }

    @Override
    public MemberBenefits benefits(PluginContext ctx, MemberState member) {
        JsResult r = call("benefits", new JsArgs().context(ctx).member(member)).object();
        return r.build(() -> new MemberBenefits(
                r.field("tier").text(),
                r.field("tierName").text(),
                BasisPoints.of(r.field("discount").intValue()),
                BasisPoints.multiplier(r.field("pointsMultiplier").intValue()),
                r.field("perks").strings()));
    }

    @Override
    public RedemptionDecision redeem(PluginContext ctx, MemberState member, RedemptionRequest request) {
        JsResult r = call("redeem", new JsArgs().context(ctx).member(member).redemption(request)).object();
        return r.build(() -> new RedemptionDecision(
                r.field("points").integer(),
                r.field("value").money(),
                r.field("reason").text()));
    }
}
