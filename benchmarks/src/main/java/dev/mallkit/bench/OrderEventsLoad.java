package dev.mallkit.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PAID order events through {@code POST /v1/stores/{store}/orders/{order}/events} on MariaDB (claimed
 * idempotency key, member touched, the store's effects in one transaction, result stored for replays),
 * against {@link RawJdbcOrders} writing the same rows with plain JDBC in the same run.
 * Target: at least 1,500 events/s and at least 40% of the raw baseline.
 *
 * <p>Both stores run membership and two-level distribution over the same binary referral tree
 * ({@link ReferralFixture}), so every event below the tree's second level captures two commissions.
 */
final class OrderEventsLoad {
    static final int MEMBERS = 2_000;

    private OrderEventsLoad() {
    }

    static Map<String, Map<String, Object>> features() {
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        features.put("membership-tiers", Map.of("pointsPerYuan", 1));
        // its defaults: 10% to the direct referrer, 5% to the second level
        features.put("distribution-classic", Map.of());
        return features;
    }

    /** Arguments: [connections] [warm-up seconds] [measured seconds]. */
    static void run(String... args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        Duration warmup = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
        Duration measure = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 15);
        System.out.println("order-events: " + Machine.describe() + ", " + connections + " connections, " + warmup.toSeconds()
                + " s warm-up, " + measure.toSeconds() + " s measured, " + MEMBERS + " members");
        Vertx vertx = Vertx.vertx();
        BenchDatabase database = BenchDatabase.mysql();
        try (BenchHost host = BenchHost.start(database)) {
            String key = host.store(host.merchant("m"), "orders", features());
            try (Connection c = database.connect()) {
                ReferralFixture.write(c, "orders", MEMBERS);
                ReferralFixture.write(c, "raw-orders", MEMBERS);
            }
            LoadDriver driver = new LoadDriver(vertx, connections, warmup, measure);
            LoadDriver.Result events = driver.run("host order events", host.port(), n -> new LoadDriver.Call(HttpMethod.POST,
                    "/v1/stores/orders/orders/o-" + n + "/events", paid("member-" + (n % MEMBERS), 1_000 + n % 50_000).encode()), key);
            System.out.println(events + "  load " + Machine.load());
            try (Connection c = database.connect()) {
                System.out.println("rows written per table by the host: " + RawJdbcOrders.rowCounts(c, "orders"));
            }
            RawJdbcOrders.Result raw = new RawJdbcOrders(database, "raw-orders", MEMBERS).run(connections, warmup, measure);
            System.out.println(raw + "  load " + Machine.load());
            try (Connection c = database.connect()) {
                System.out.println("rows written per table by raw JDBC: " + RawJdbcOrders.rowCounts(c, "raw-orders"));
            }
            double ratio = events.perSecond() / raw.perSecond();
            System.out.printf("%.0f events/s (target >= 1500): %s; %.1f%% of raw JDBC (target >= 40%%): %s%n", events.perSecond(),
                    events.perSecond() >= 1500 ? "MET" : "MISSED", ratio * 100, ratio >= 0.4 ? "MET" : "MISSED");
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    static JsonObject paid(String member, long amount) {
        return new JsonObject().put("type", "PAID").put("seq", 1).put("memberId", member).put("currency", "CNY").put("amount", amount)
                .put("lines", new JsonArray().add(new JsonObject().put("sku", "sku-1").put("quantity", 1).put("amount", amount)));
    }

    static long count(Connection c, String sql, String storeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
