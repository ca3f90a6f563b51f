package dev.mallkit.host.membership;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real host with the first-party plugin jars seeded, shared by a test class per database; each test
 * gets its own store, merchant and storefront key.
 */
final class MembershipFixture implements AutoCloseable {
    private static final AtomicInteger STORES = new AtomicInteger();

    final TestHost host;

    MembershipFixture(DbKind kind) {
        String dist = System.getProperty("mallkit.plugins.dist", "../plugins/target/dist");
        assertThat(Path.of(dist).resolve("membership-tiers-1.0.0.jar")).as("build the plugins first: ./mvnw -B -q install -DskipTests").exists();
        host = TestHost.start(kind, Map.of("MALLKIT_SEED_PLUGINS", Path.of(dist).toAbsolutePath().toString()));
    }

    /** A fresh store with a merchant and a storefront key. */
    Store store() {
        int n = STORES.incrementAndGet();
        String merchant = host.merchant("merchant-" + n);
        String id = "store-" + n;
        host.store(merchant, id);
        return new Store(id, merchant, host.storefront(merchant, id));
    }

    /** A store of the test host. */
    final class Store {
        final String id;
        final String merchant;
        final String storefront;

        Store(String id, String merchant, String storefront) {
            this.id = id;
            this.merchant = merchant;
            this.storefront = storefront;
        }

        /** The merchant enables {@code pluginId} 1.0.0 with {@code config}. */
        Store enable(String pluginId, JsonObject config) {
            Response r = host.call("PUT", "/v1/stores/" + id + "/features/" + pluginId, merchant,
                    new JsonObject().put("version", "1.0.0").put("config", config));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            return this;
        }

        /** The merchant disables {@code pluginId}. */
        void disable(String pluginId) {
            Response r = host.call("DELETE", "/v1/stores/" + id + "/features/" + pluginId, merchant, null);
            assertThat(r.status()).as(r.text()).isBetween(200, 204);
        }

        Response event(String orderId, JsonObject body) {
            return host.post("/v1/stores/" + id + "/orders/" + orderId + "/events", storefront, body);
        }

        /** Sends an event and returns its {@code points} result. */
        JsonObject points(String orderId, JsonObject body) {
            Response r = event(orderId, body);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            return r.json().getJsonObject("points");
        }

        JsonObject paid(String orderId, String member, long amount) {
            return points(orderId, paidBody(member, amount));
        }

        JsonObject refunded(String orderId, String member, long amount, int seq) {
            return points(orderId, new JsonObject().put("type", "REFUNDED").put("seq", seq).put("memberId", member)
                    .put("currency", "CNY").put("amount", amount));
        }

        Response member(String memberId) {
            return host.get("/v1/stores/" + id + "/members/" + memberId, storefront);
        }

        long balance(String memberId) {
            Response r = member(memberId);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            return r.json().getLong("points");
        }

        /** Redeems over HTTP/1.1, one connection per call, so concurrent calls really run side by side. */
        Response redeem(String memberId, JsonObject body) {
            return host.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/v1/stores/" + id + "/members/"
                            + memberId + "/redemptions"))
                    .version(HttpClient.Version.HTTP_1_1)
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + storefront)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                    .build());
        }

        /** @return the member's ledger kinds and point deltas, e.g. {@code AWARD:100}, in order */
        JsonArray ledger(String memberId) throws Exception {
            try (Connection c = host.database().connect(host.dataDir());
                 PreparedStatement ps = c.prepareStatement(
                         "SELECT kind, points FROM member_ledger WHERE store_id = ? AND member_id = ? ORDER BY id")) {
                ps.setString(1, id);
                ps.setString(2, memberId);
                JsonArray rows = new JsonArray();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + ":" + rs.getLong(2));
                    }
                }
                return rows;
            }
        }

        /** @return the cached balance row, which must equal the ledger's sum */
        long cachedPoints(String memberId) throws Exception {
            try (Connection c = host.database().connect(host.dataDir());
                 PreparedStatement ps = c.prepareStatement("SELECT points FROM member_balances WHERE store_id = ? AND member_id = ?")) {
                ps.setString(1, id);
                ps.setString(2, memberId);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    return rs.getLong(1);
                }
            }
        }
    }

    static JsonObject paidBody(String member, long amount) {
        return new JsonObject().put("type", "PAID").put("seq", 1).put("memberId", member).put("currency", "CNY").put("amount", amount)
                .put("lines", new JsonArray().add(new JsonObject().put("sku", "sku-1").put("quantity", 1).put("amount", amount)));
    }

    @Override
    public void close() {
        host.close();
    }
}
