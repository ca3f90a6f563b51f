package dev.mallkit.host.distribution;

import dev.mallkit.api.Money;
import dev.mallkit.api.distribution.CommissionPlan;
import dev.mallkit.api.distribution.CommissionSplit;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import io.vertx.core.json.JsonArray;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a scheme's plan against the platform policy before anything is recorded. A plan that breaks
 * it is a plugin defect the caller cannot fix by changing its request, so the whole order event fails
 * with 502 {@code COMMISSION_PLAN_REFUSED} and rolls back (no points, no commission, no idempotency
 * record): money is never recorded wrong, and the storefront's retry succeeds once the merchant or
 * the platform has replaced the misbehaving plugin version.
 */
public final class CommissionPlanCheck {
    private CommissionPlanCheck() {
    }

    /**
     * @param buyerId the order's buyer, the only possible level-0 beneficiary
     * @param upline  the buyer's ancestors the scheme was shown, nearest first
     * @param paid    the order's paid amount
     */
    public static void requireAllowed(CommissionPlan plan, DistributionPolicy policy, String buyerId, List<String> upline, Money paid) {
        Set<Integer> levels = new HashSet<>();
        long total = 0;
        for (CommissionSplit split : plan.splits()) {
            int level = split.level();
            if (level > policy.maxLevels()) {
                throw refused("pays level " + level + "; the platform allows " + policy.maxLevels() + " levels");
            }
            if (!levels.add(level)) {
                throw refused("pays level " + level + " twice");
            }
            String expected = level == 0 ? buyerId : level <= upline.size() ? upline.get(level - 1) : null;
            if (!split.beneficiaryId().equals(expected)) {
                throw refused("pays level " + level + " to " + split.beneficiaryId() + ", who is not the buyer's "
                        + (level == 0 ? "self" : "upline member at that level"));
            }
            if (!split.amount().currency().equals(paid.currency())) {
                throw refused("pays in " + split.amount().currency() + " for an order paid in " + paid.currency());
            }
            total = Math.addExact(total, split.amount().minor());
        }
        long cap = policy.cap(paid.minor());
        if (total > cap) {
            throw refused("pays " + total + " in total; the platform caps commissions at " + policy.maxTotalRateBps()
                    + " bp of " + paid.minor() + " = " + cap);
        }
    }

    private static HostError refused(String why) {
        return new HostError(ErrorCode.COMMISSION_PLAN_REFUSED, "the store's distribution scheme returned a plan the platform policy forbids: "
                + why + "; nothing was recorded, retry after the scheme is fixed", new JsonArray().add(why));
    }
}
