package dev.mallkit.testkit;

import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.distribution.BindingRequest;
import dev.mallkit.api.distribution.CommissionPlan;
import dev.mallkit.api.distribution.CommissionSplit;
import dev.mallkit.api.distribution.DistributionScheme;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Invariants of {@link DistributionScheme}. */
final class DistributionConformance {
    private DistributionConformance() {
    }

    static void check(DistributionScheme scheme, PluginConfig config, Supplier<TestContext> contexts, Probe probe) {
        probe.twice("limits(config)", () -> scheme.limits(config));
        for (BindingRequest request : SampleInputs.bindings()) {
            probe.twice("bind(" + request.referrerId() + ", current " + request.current() + ")", () -> scheme.bind(contexts.get(), request));
        }
        for (OrderEvent event : SampleInputs.orders(OrderEventType.PAID)) {
            for (List<String> upline : SampleInputs.uplines()) {
                String what = "commissions(" + event.amount().minor() + ", upline " + upline.size() + ")";
                probe.twice(what, () -> scheme.commissions(contexts.get(), event, upline))
                        .ifPresent(plan -> checkPlan(what, event, upline, plan, probe));
            }
        }
    }

    private static void checkPlan(String what, OrderEvent event, List<String> upline, CommissionPlan plan, Probe probe) {
        long total = 0;
        Set<Integer> levels = new HashSet<>();
        for (CommissionSplit split : plan.splits()) {
            probe.require(split.amount().currency().equals(event.amount().currency()), "CURRENCY_MISMATCH", what + " pays " + split);
            probe.require(split.level() <= upline.size(), "LEVEL_WITHOUT_UPLINE", what + " pays level " + split.level());
            probe.require(levels.add(split.level()), "DUPLICATE_LEVEL", what + " pays level " + split.level() + " twice");
            String expected = split.level() == 0 ? event.memberId()
                    : split.level() <= upline.size() ? upline.get(split.level() - 1) : null;
            probe.require(split.beneficiaryId().equals(expected), "WRONG_BENEFICIARY",
                    what + " pays level " + split.level() + " to " + split.beneficiaryId() + ", not " + expected);
            total = Math.addExact(total, split.amount().minor());
        }
        probe.require(total <= event.amount().minor(), "COMMISSION_ABOVE_ORDER",
                what + " pays " + total + " in all, more than the order amount " + event.amount().minor());
    }
}
