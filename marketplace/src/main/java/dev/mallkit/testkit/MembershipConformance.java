package dev.mallkit.testkit;

import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.membership.MemberState;
import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.api.membership.RedemptionRequest;
import java.util.function.Supplier;

/** Invariants of {@link MembershipProgram}. */
final class MembershipConformance {
    private MembershipConformance() {
    }

    static void check(MembershipProgram program, Supplier<TestContext> contexts, Probe probe) {
        for (MemberState member : SampleInputs.members()) {
            probe.twice("benefits(" + member.points() + " pts)", () -> program.benefits(contexts.get(), member));
            for (OrderEventType type : new OrderEventType[] {OrderEventType.PAID, OrderEventType.COMPLETED}) {
                for (OrderEvent event : SampleInputs.orders(type)) {
                    // points and growth are never negative: MembershipDecision refuses it, surfacing as an exception
                    probe.twice("onOrder(" + type + " " + event.amount().minor() + ")", () -> program.onOrder(contexts.get(), event, member));
                }
            }
            for (RedemptionRequest request : SampleInputs.redemptions()) {
                String what = "redeem(" + request.requestedPoints() + " pts of " + member.points() + ")";
                probe.twice(what, () -> program.redeem(contexts.get(), member, request)).ifPresent(decision -> {
                    probe.require(decision.points() <= request.requestedPoints(), "REDEMPTION_ABOVE_REQUESTED",
                            what + " debits " + decision.points() + " points");
                    if (request.orderAmount() != null) {
                        probe.require(decision.value().currency().equals(request.orderAmount().currency()), "CURRENCY_MISMATCH",
                                what + " is worth " + decision.value());
                        probe.require(decision.value().minor() <= request.orderAmount().minor(), "REDEMPTION_ABOVE_ORDER",
                                what + " is worth " + decision.value() + ", more than the order " + request.orderAmount());
                    }
                });
            }
        }
    }
}
