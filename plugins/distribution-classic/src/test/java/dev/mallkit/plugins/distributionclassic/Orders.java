package dev.mallkit.plugins.distributionclassic;

import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.OrderLine;
import dev.mallkit.testkit.TestContext;
import java.util.List;
import java.util.Set;

/** Orders for tests, in CNY, bought by {@code buyer}. */
final class Orders {
    private Orders() {
    }

    static OrderLine line(String sku, int quantity, long minor, String... tags) {
        return new OrderLine(sku, quantity, Money.of(minor, "CNY"), Set.of(tags));
    }

    static OrderEvent paid(OrderLine... lines) {
        return event(OrderEventType.PAID, lines);
    }

    static OrderEvent event(OrderEventType type, OrderLine... lines) {
        Money total = Money.zero("CNY");
        for (OrderLine line : lines) {
            total = total.plus(line.amount());
        }
        return new OrderEvent("o1", type, 1, "buyer", total, List.of(lines), TestContext.EPOCH);
    }
}
