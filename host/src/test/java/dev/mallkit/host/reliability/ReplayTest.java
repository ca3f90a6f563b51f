package dev.mallkit.host.reliability;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Order events delivered 1 to 5 times each, shuffled and concurrently, leave exactly the ledger that a
 * single in-order delivery leaves in a control store with the same program: per member, to the point.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class ReplayTest {
    private static final int MEMBERS = 30;
    private static final java.util.concurrent.atomic.AtomicInteger retries = new java.util.concurrent.atomic.AtomicInteger();

    @Parameter
    DbKind kind;

    /** One event of the workload, addressed to a store later. */
    record Event(String orderId, JsonObject body) {
    }

    @Test
    void duplicatedShuffledConcurrentDeliveriesLeaveTheLedgerOfOneOrderlyDelivery() throws Exception {
        try (Tenancy tenancy = new Tenancy(kind)) {
            TestHost host = tenancy.host;
            List<Event> events = workload(new Random(42));
            String control = tenancy.storeA;
            String replayed = tenancy.storeB;
            for (Event e : events) {
                deliverUntilAccepted(host, control, tenancy.actor("storefront A").token(), e);
            }

            List<Event> deliveries = new ArrayList<>();
            Random random = new Random(7);
            for (Event e : events) {
                for (int copies = 1 + random.nextInt(5); copies > 0; copies--) {
                    deliveries.add(e);
                }
            }
            Collections.shuffle(deliveries, random);
            String token = tenancy.actor("storefront B").token();
            Map<String, String> firstBodies = new ConcurrentHashMap<>();
            List<String> mismatched = Collections.synchronizedList(new ArrayList<>());
            // a redelivering queue: an event answered "retry later" goes back to the tail, as a message broker would
            // redeliver it, so a refund that overtook its payment never holds a worker the payment needs
            java.util.concurrent.LinkedBlockingQueue<Event> queue = new java.util.concurrent.LinkedBlockingQueue<>(deliveries);
            java.util.concurrent.atomic.AtomicInteger outstanding = new java.util.concurrent.atomic.AtomicInteger(deliveries.size());
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    done.add(pool.submit(() -> {
                        try {
                            drain(queue, outstanding, e -> deliver(host, replayed, token, e), (e, r) -> {
                                String key = e.orderId() + "/" + e.body().getString("type") + "/" + e.body().getInteger("seq");
                                String first = firstBodies.putIfAbsent(key, r.text());
                                if (first != null && !first.equals(r.text())) {
                                    mismatched.add(key + ": " + first + " vs " + r.text());
                                }
                            });
                        } catch (Throwable failure) {
                            outstanding.set(0); // stop the other workers: this failure is the result
                            throw failure;
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(5, java.util.concurrent.TimeUnit.MINUTES);
                }
            }

            System.out.printf("replay (%s): %d events, %d deliveries by 8 threads, %d retried answers%n", kind, events.size(),
                    deliveries.size(), retries.get());
            assertThat(mismatched).as("a replay returns the first result").isEmpty();
            assertThat(ledger(tenancy, replayed)).as("replayed %d deliveries of %d events", deliveries.size(), events.size())
                    .isEqualTo(ledger(tenancy, control));
            for (int m = 0; m < MEMBERS; m++) {
                JsonObject a = host.get("/v1/stores/" + control + "/members/member-" + m, tenancy.actor("storefront A").token()).json();
                JsonObject b = host.get("/v1/stores/" + replayed + "/members/member-" + m, token).json();
                assertThat(List.of(b.getLong("points"), b.getLong("growth"), b.getLong("debt")))
                        .isEqualTo(List.of(a.getLong("points"), a.getLong("growth"), a.getLong("debt")));
            }
        }
    }

    /** One order per member (so tiers never depend on delivery order): paid, then two partial refunds. */
    private static List<Event> workload(Random random) {
        List<Event> events = new ArrayList<>();
        for (int m = 0; m < MEMBERS; m++) {
            String member = "member-" + m;
            String order = "order-" + m;
            long paid = 1_001 + random.nextInt(500_000);
            long first = random.nextLong(paid / 2);
            long second = random.nextLong(paid - first);
            events.add(new Event(order, Tenancy.paid(member, 1, paid)));
            events.add(new Event(order, refund(member, 2, first)));
            events.add(new Event(order, refund(member, 3, second)));
        }
        return events;
    }

    private static JsonObject refund(String member, int seq, long amount) {
        return new JsonObject().put("type", "REFUNDED").put("seq", seq).put("memberId", member).put("currency", "CNY").put("amount", amount);
    }

    private static Response deliver(TestHost host, String store, String token, Event e) {
        return host.post("/v1/stores/" + store + "/orders/" + e.orderId() + "/events", token, e.body());
    }

    /** Takes deliveries until none is outstanding; one answered "retry later" goes back to the tail. */
    private static void drain(java.util.concurrent.BlockingQueue<Event> queue, java.util.concurrent.atomic.AtomicInteger outstanding,
                              java.util.function.Function<Event, Response> send,
                              java.util.function.BiConsumer<Event, Response> accepted) throws InterruptedException {
        while (outstanding.get() > 0) {
            Event e = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (e == null) {
                continue;
            }
            Response r = send.apply(e);
            if (r.status() != 200) {
                retryLater(r);
                queue.add(e);
                continue;
            }
            accepted.accept(e, r);
            outstanding.decrementAndGet();
        }
    }

    /** Delivers {@code e} in order, retrying while the answer says "retry later". */
    private static void deliverUntilAccepted(TestHost host, String store, String token, Event e) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            Response r = deliver(host, store, token, e);
            if (r.status() == 200) {
                return;
            }
            retryLater(r);
        }
        throw new AssertionError("event never accepted: " + e);
    }

    /**
     * Checks that {@code r} says "retry later" and waits a little: 409 ORDER_NOT_PAID (a refund overtook its
     * payment), 429 (the sender outran its rate limit) or 503 (the plugin missed its time budget on this busy
     * machine and the whole event rolled back).
     */
    private static void retryLater(Response r) throws InterruptedException {
        assertThat(r.status()).as(r.text()).isIn(409, 429, 503);
        assertThat(r.errorCode()).isIn("ORDER_NOT_PAID", "RATE_LIMITED", "PLUGIN_UNAVAILABLE");
        retries.incrementAndGet();
        Thread.sleep(r.status() == 409 ? 5 : 250);
    }

    /** @return per member: ledger kinds with their point and growth sums, and the entry count */
    private static Map<String, String> ledger(Tenancy tenancy, String store) throws Exception {
        Map<String, String> rows = new java.util.TreeMap<>();
        try (Connection c = tenancy.host.database().connect(tenancy.host.dataDir());
             PreparedStatement ps = c.prepareStatement("SELECT member_id, kind, SUM(points), SUM(growth), COUNT(*) FROM member_ledger"
                     + " WHERE store_id = ? GROUP BY member_id, kind")) {
            ps.setString(1, store);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3) + " points, " + rs.getLong(4) + " growth, " + rs.getInt(5) + " entries");
                }
            }
        }
        return rows;
    }
}
