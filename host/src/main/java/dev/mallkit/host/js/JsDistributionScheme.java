package dev.mallkit.host.js;

import dev.mallkit.api.BasisPoints;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.distribution.BindingDecision;
import dev.mallkit.api.distribution.BindingRequest;
import dev.mallkit.api.distribution.CommissionLimits;
import dev.mallkit.api.distribution.CommissionPlan;
import dev.mallkit.api.distribution.CommissionSplit;
import dev.mallkit.api.distribution.DistributionScheme;
import java.util.List;

/**
 * A {@link DistributionScheme} whose module exports {@code bind(ctx, request)},
 * {@code commissions(ctx, event, upline)} returning {@code {splits: [...], frozenPeriod: "P7D"}} and
 * {@code limits(config)} returning {@code {levels, totalRate}} with the rate in basis points.
 */
public final class JsDistributionScheme extends JsExtension implements DistributionScheme {

    public JsDistributionScheme(JsRunner sandboxes, JsLimits limits) {
        super(sandboxes, limits);
    }

    @Override
    public BindingDecision bind(PluginContext ctx, BindingRequest request) {
        JsResult r = call("bind", new JsArgs().context(ctx).binding(request)).object();
        return r.build(() -> new BindingDecision(r.field("bind").bool(), r.field("reason").text()));
    }

    @Override
    public CommissionPlan commissions(PluginContext ctx, OrderEvent event, List<String> upline) {
        JsResult r = call("commissions", new JsArgs().context(ctx).event(event).strings(upline)).object();
        List<CommissionSplit> splits = r.field("splits").items().stream()
                .map(split -> split.object().build(() -> new CommissionSplit(
                        split.field("level").intValue(),
                        split.field("beneficiaryId").text(),
                        split.field("amount").money(),
                        split.field("reason").text())))
                .toList();
        return r.build(() -> new CommissionPlan(splits, r.field("frozenPeriod").duration()));
    }

    @Override
    public CommissionLimits limits(PluginConfig config) {
        JsResult r = call("limits", new JsArgs().json(JsInputs.config(config))).object();
        return r.build(() -> new CommissionLimits(r.field("levels").intValue(), BasisPoints.of(r.field("totalRate").intValue())));
    }
}
