package dev.mallkit.bench;

import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.OrderLine;
import dev.mallkit.api.membership.MemberState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Inputs shared by the extension-call benchmarks: a PAID order of 120.00 CNY and a silver member. */
final class StoreFixture {
    static final OrderEvent PAID = new OrderEvent("o-1", OrderEventType.PAID, 1, "alice", Money.of(12_000, "CNY"),
            List.of(new OrderLine("sku-1", 1, Money.of(12_000, "CNY"), Set.of())), Instant.parse("2026-11-01T00:00:00Z"));
    static final MemberState MEMBER = new MemberState("alice", 500, 2_500, Instant.parse("2026-01-01T00:00:00Z"), Map.of());

    private StoreFixture() {
    }
}
