package dev.mallkit.host.distribution;

import dev.mallkit.host.error.ErrorType;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.guard.PluginUnavailableException;
import dev.mallkit.host.order.OrderEventRequest;
import dev.mallkit.host.order.OrderEvents;
import dev.mallkit.host.testing.DbKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 order events, each delivered 1 to 5 times, shuffled and concurrent, 5 % of orders refunded
 * (fully or partially), over a two-level tree. The expected ledger is computed here from the plugin
 * configuration with plain arithmetic and compared to the minor unit.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class OrderEventsAtScaleTest {
    private static final int EVENTS = 10_000;
    private static final int MEMBERS = 40;
    private static final int[] RATES = {1000, 500};
    private static final long[] CARD_FIXED = {500, 200};

    @Parameter
    DbKind kind;

    /** One order as the test generates it, with what each of its events carries. */
    private record Order(String id, String buyer, long paid, List<JsonObject> lines, List<Long> refunds) {
    }

    @Test
    void tenThousandEventsDeliveredRepeatedlyOutOfOrderProduceTheExactLedger() throws Exception {
        JsonObject config = new JsonObject().put("levelRatesBps", new JsonArray().add(RATES[0]).add(RATES[1]))
                .put("skuOverrides", new JsonObject().put("card", new JsonArray().add(CARD_FIXED[0]).add(CARD_FIXED[1])))
                .put("excludedTags", new JsonArray().add("flash-sale")).put("frozenDays", 7).put("bindingPolicy", "FIRST_TOUCH");
        try (DistributionHost d = DistributionHost.start(kind, config)) {
            Map<String, String> parent = new HashMap<>();
            for (int i = 1; i < MEMBERS; i++) {
                parent.put("m" + i, "m" + ((i - 1) / 3));
                assertThat(d.bindAt("m" + i, parent.get("m" + i), Instant.now()).bound()).isTrue();
            }
            Random random = new Random(20261105);
            List<Order> orders = orders(random);
            List<String[]> deliveries = new ArrayList<>();
            for (Order order : orders) {
                deliveries.addAll(Collections.nCopies(1 + random.nextInt(5), new String[] {order.id(), "PAID", "1"}));
                for (int k = 0; k < order.refunds().size(); k++) {
                    deliveries.addAll(Collections.nCopies(1 + random.nextInt(5), new String[] {order.id(), "REFUNDED", Integer.toString(k + 1)}));
                }
            }
            Collections.shuffle(deliveries, random);
            Map<String, Order> byId = new HashMap<>();
            orders.forEach(o -> byId.put(o.id(), o));

            OrderEvents events = new OrderEvents(d.host.mallkit().database(), d.host.mallkit().featureMix(), Clock.systemUTC());
            events.register(new CommissionEffect());
            deliver(events, deliveries, byId);
            d.ledger().settleDue(Instant.now().plus(Duration.ofDays(8)));

            Map<String, String> expected = expected(orders, parent);
            Map<String, String> actual = actual(d);
            Map<String, String> wrong = new TreeMap<>();
            expected.forEach((k, v) -> {
                if (!v.equals(actual.get(k))) {
                    wrong.put(k, "expected " + v + ", was " + actual.get(k));
                }
            });
            actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> wrong.put(k, "unexpected " + actual.get(k)));
            assertThat(wrong).as("commissions that differ from plain arithmetic").isEmpty();
            assertThat(actual).hasSize(expected.size());
        }
    }

    private static List<Order> orders(Random random) {
        List<Order> orders = new ArrayList<>();
        int events = 0;
        while (events < EVENTS) {
            List<JsonObject> lines = new ArrayList<>();
            long paid = 0;
            for (int l = 0, n = 1 + random.nextInt(3); l < n; l++) {
                JsonObject line;
                if (random.nextInt(5) == 0) {
                    int quantity = 1 + random.nextInt(2);
                    line = new JsonObject().put("sku", "card").put("quantity", quantity).put("amount", 9_900L * quantity);
                } else {
                    line = new JsonObject().put("sku", "tea-" + l).put("quantity", 1).put("amount", 1 + random.nextInt(50_000));
                    if (random.nextInt(5) == 0) {
                        line.put("tags", new JsonArray().add("flash-sale"));
                    }
                }
                paid += line.getLong("amount");
                lines.add(line);
            }
            List<Long> refunds = new ArrayList<>();
            if (random.nextInt(20) == 0 && events + 2 < EVENTS) {
                switch (random.nextInt(3)) {
                    case 0 -> refunds.add(paid);
                    case 1 -> refunds.add(1 + (long) random.nextInt((int) paid));
                    default -> {
                        long first = 1 + random.nextInt((int) paid);
                        refunds.add(first);
                        refunds.add(paid - first);
                    }
                }
            }
            orders.add(new Order("o" + orders.size(), "m" + random.nextInt(MEMBERS), paid, lines, refunds));
            events += 1 + refunds.size();
        }
        return orders;
    }

    private static void deliver(OrderEvents events, List<String[]> deliveries, Map<String, Order> orders) throws Exception {
        Queue<String[]> queue = new ConcurrentLinkedQueue<>(deliveries);
        int threads = 6;
        while (!queue.isEmpty()) {
            Queue<String[]> retry = new ConcurrentLinkedQueue<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    workers.add(pool.submit(() -> {
                        for (String[] delivery; (delivery = queue.poll()) != null; ) {
                            Order order = orders.get(delivery[0]);
                            int seq = Integer.parseInt(delivery[2]);
                            long amount = delivery[1].equals("PAID") ? order.paid() : order.refunds().get(seq - 1);
                            JsonObject body = new JsonObject().put("type", delivery[1]).put("seq", seq).put("memberId", order.buyer())
                                    .put("currency", "CNY").put("amount", amount)
                                    .put("lines", delivery[1].equals("PAID") ? new JsonArray(order.lines()) : new JsonArray());
                            try {
                                events.acceptBlocking(DistributionHost.STORE, OrderEventRequest.parse(order.id(), body, Instant.now()));
                            } catch (HostError e) {
                                // a refund before its payment, or a copy racing its twin: deliver again later
                                assertThat(e.type()).as(e.code()).isEqualTo(ErrorType.CONFLICT);
                                assertThat(e.code()).isIn("ORDER_NOT_PAID", "ALREADY_PAID", "REFUND_EXCEEDS_PAID");
                                retry.add(delivery);
                            } catch (PluginUnavailableException | SQLTransactionRollbackException e) {
                                // 503 or a deadlock victim under load: the storefront retries, and so do we
                                retry.add(delivery);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
            }
            queue.addAll(retry);
        }
    }

    /** order/level -> beneficiary captured reversed settled, from plain arithmetic on the configuration. */
    private static Map<String, String> expected(List<Order> orders, Map<String, String> parent) {
        Map<String, String> out = new TreeMap<>();
        for (Order order : orders) {
            String beneficiary = order.buyer();
            for (int level = 1; level <= 2; level++) {
                beneficiary = parent.get(beneficiary);
                if (beneficiary == null) {
                    break;
                }
                long captured = 0;
                for (JsonObject line : order.lines()) {
                    if (line.getJsonArray("tags", new JsonArray()).contains("flash-sale")) {
                        continue;
                    }
                    captured += line.getString("sku").equals("card")
                            ? CARD_FIXED[level - 1] * line.getInteger("quantity")
                            : line.getLong("amount") * RATES[level - 1] / 10_000;
                }
                if (captured == 0) {
                    continue;
                }
                long refunded = order.refunds().stream().mapToLong(Long::longValue).sum();
                long reversed = captured * refunded / order.paid();
                long settled = captured - reversed;
                out.put(order.id() + "/" + level, beneficiary + " " + captured + " " + reversed + " " + settled);
            }
        }
        return out;
    }

    private static Map<String, String> actual(DistributionHost d) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (var c = d.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT m.order_id, m.level, m.beneficiary_id, "
                        + "SUM(CASE WHEN e.type = 'PENDING' THEN e.amount ELSE 0 END), "
                        + "SUM(CASE WHEN e.type = 'REVERSED' OR e.type = 'CLAWBACK' THEN e.amount ELSE 0 END), "
                        + "SUM(CASE WHEN e.type = 'SETTLED' THEN e.amount ELSE 0 END) "
                        + "FROM commissions m JOIN commission_entries e ON e.commission_id = m.id "
                        + "GROUP BY m.order_id, m.level, m.beneficiary_id")) {
            while (rs.next()) {
                out.put(rs.getString(1) + "/" + rs.getInt(2), rs.getString(3) + " " + rs.getLong(4) + " " + rs.getLong(5) + " " + rs.getLong(6));
            }
        }
        return out;
    }
}
