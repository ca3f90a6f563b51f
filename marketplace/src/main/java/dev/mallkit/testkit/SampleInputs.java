package dev.mallkit.testkit;

import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.OrderLine;
import dev.mallkit.api.distribution.BindingRequest;
import dev.mallkit.api.distribution.CurrentBinding;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.membership.MemberState;
import dev.mallkit.api.membership.RedemptionRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The plain inputs the conformance kit calls extensions with: ordinary cases and edges. */
final class SampleInputs {
    static final String CURRENCY = "CNY";
    static final String BUYER = "buyer-1";
    static final Instant NOW = TestContext.EPOCH;

    private SampleInputs() {
    }

    /** Paid and completed orders from zero to a large amount, with and without tagged lines. */
    static List<OrderEvent> orders(OrderEventType type) {
        List<OrderEvent> orders = new ArrayList<>();
        long[] amounts = {0, 1, 9_999, 19_900, 100_000_000};
        for (int i = 0; i < amounts.length; i++) {
            long amount = amounts[i];
            List<OrderLine> lines = amount == 0 ? List.of()
                    : List.of(new OrderLine("sku-a", 1, money(amount / 2), Set.of()),
                            new OrderLine("sku-b", 3, money(amount - amount / 2), Set.of("flash-sale", "member-card")));
            orders.add(new OrderEvent("order-" + i, type, 1, BUYER, money(amount), lines, NOW));
        }
        return orders;
    }

    static List<MemberState> members() {
        return List.of(
                new MemberState(BUYER, 0, 0, NOW, Map.of()),
                new MemberState(BUYER, 120, 3_000, NOW.minus(Duration.ofDays(40)), Map.of("tier", "silver")),
                new MemberState(BUYER, 5_000_000, 10_000_000, NOW.minus(Duration.ofDays(900)), Map.of("card.validUntil", "2027-01-01")));
    }

    static List<RedemptionRequest> redemptions() {
        return List.of(
                new RedemptionRequest("order-r1", 1, money(19_900)),
                new RedemptionRequest("order-r2", 100, money(50)),
                new RedemptionRequest("order-r3", 10_000_000, money(19_900)),
                new RedemptionRequest("order-r4", 500, null));
    }

    static List<List<String>> uplines() {
        return List.of(List.of(), List.of("upline-1"), List.of("upline-1", "upline-2"), List.of("upline-1", "upline-2", "upline-3"));
    }

    static List<BindingRequest> bindings() {
        CurrentBinding old = new CurrentBinding("referrer-0", "share-link", NOW.minus(Duration.ofDays(10)));
        return List.of(
                new BindingRequest(BUYER, "referrer-1", "share-link", NOW, NOW, null),
                new BindingRequest(BUYER, "referrer-1", "live-room", NOW, NOW.minus(Duration.ofDays(30)), null),
                new BindingRequest(BUYER, "referrer-1", "share-link", NOW, NOW.minus(Duration.ofDays(30)), old),
                new BindingRequest(BUYER, "referrer-0", "share-link", NOW, NOW.minus(Duration.ofDays(30)), old));
    }

    static List<JumpRequest> jumpRequests() {
        return List.of(
                new JumpRequest("room-1", "viewer-1", null, "tok1"),
                new JumpRequest("room-1", BUYER, "sharer-1", "Ab3dEf9hIj2kLm4n"));
    }

    static Money money(long minor) {
        return Money.of(minor, CURRENCY);
    }
}
