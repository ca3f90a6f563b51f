package dev.mallkit.host.distribution;

import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.distribution.CommissionPlan;
import dev.mallkit.api.distribution.DistributionScheme;
import dev.mallkit.host.order.OrderContext;
import dev.mallkit.host.order.OrderEffect;
import dev.mallkit.host.store.Bound;
import io.vertx.core.json.JsonArray;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The {@code commissions} field of an order event. PAID: the buyer's ancestors at this moment, as deep
 * as the policy allows, go to the store's scheme; its plan is checked ({@link CommissionPlanCheck}) and
 * captured as PENDING. REFUNDED: every commission of the order is reversed in proportion, whatever
 * scheme the store runs now. COMPLETED changes nothing: settlement follows the frozen period.
 */
final class CommissionEffect implements OrderEffect {

    @Override
    public String key() {
        return "commissions";
    }

    @Override
    public Object apply(Connection c, OrderContext order) throws SQLException {
        OrderEvent event = order.event();
        return switch (event.type()) {
            case PAID -> paid(c, order);
            case REFUNDED -> CommissionLedger.reverse(c, order.storeId(), event.orderId(), event.amount().minor(), order.receivedAt());
            case COMPLETED -> new JsonArray();
        };
    }

    private static JsonArray paid(Connection c, OrderContext order) throws SQLException {
        Optional<Bound<DistributionScheme>> scheme = order.snapshot().exclusive(DistributionScheme.class);
        if (scheme.isEmpty()) {
            return new JsonArray();
        }
        OrderEvent event = order.event();
        DistributionPolicy policy = DistributionPolicy.load(c);
        List<String> upline = ReferralTree.ancestors(c, order.storeId(), event.memberId(), policy.maxLevels());
        CommissionPlan plan = scheme.get().call((s, ctx) -> s.commissions(ctx, event, upline));
        CommissionPlanCheck.requireAllowed(plan, policy, event.memberId(), upline, order.paid());
        return CommissionLedger.capture(c, order.storeId(), event.orderId(), order.paid(), plan, order.receivedAt());
    }
}
