package dev.mallkit.plugins.membershiptiers;

import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.OrderLine;
import dev.mallkit.api.membership.MemberState;
import dev.mallkit.testkit.TestContext;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Members and orders for tests, in CNY. */
final class Members {
    private Members() {
    }

    static MemberState withGrowth(long growth) {
        return new MemberState("m1", 0, growth, TestContext.EPOCH, Map.of());
    }

    static OrderEvent order(OrderEventType type, long amountMinor) {
        Money amount = Money.of(amountMinor, "CNY");
        return new OrderEvent("o1", type, 1, "m1", amount,
                List.of(new OrderLine("sku-1", 1, amount, Set.of())), TestContext.EPOCH);
    }
}
