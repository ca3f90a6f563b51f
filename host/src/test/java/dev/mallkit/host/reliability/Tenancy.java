package dev.mallkit.host.reliability;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two tenants on one host with the first-party plugins: merchants A and B, each with a store running the
 * membership program and a member with points, their storefront keys, a provider and the admin.
 */
final class Tenancy implements AutoCloseable {
    static final String PLUGIN = "membership-tiers";
    static final String MEMBER = "m1";

    /** A caller of the matrix, and the tenant whose store is its own (null: none). */
    record Actor(String name, String role, String token, String ownStore) {
    }

    final TestHost host;
    final String storeA = "store-a";
    final String storeB = "store-b";
    final List<Actor> actors;

    Tenancy(DbKind kind) {
        this(kind, Map.of());
    }

    Tenancy(DbKind kind, Map<String, String> settings) {
        host = TestHost.start(kind, withPlugins(settings));
        String merchantA = host.merchant("merchant-a");
        String merchantB = host.merchant("merchant-b");
        host.store(merchantA, storeA);
        host.store(merchantB, storeB);
        String provider = host.post("/v1/admin/providers", TestHost.ADMIN_TOKEN, Map.of("id", "provider-p", "name", "P"))
                .json().getString("token");
        String storefrontA = host.storefront(merchantA, storeA);
        String storefrontB = host.storefront(merchantB, storeB);
        enableMembership(storeA, merchantA, storefrontA);
        enableMembership(storeB, merchantB, storefrontB);
        actors = List.of(
                new Actor("admin", "admin", TestHost.ADMIN_TOKEN, null),
                new Actor("provider", "provider", provider, null),
                new Actor("merchant A", "merchant", merchantA, storeA),
                new Actor("merchant B", "merchant", merchantB, storeB),
                new Actor("storefront A", "storefront", storefrontA, storeA),
                new Actor("storefront B", "storefront", storefrontB, storeB),
                new Actor("no token", null, null, null),
                new Actor("bad token", null, "mk_m_not-a-real-token-00000000000000000000000", null));
    }

    static Map<String, String> withPlugins(Map<String, String> settings) {
        String dist = System.getProperty("mallkit.plugins.dist", "../plugins/target/dist");
        assertThat(Path.of(dist).resolve(PLUGIN + "-1.0.0.jar")).as("build the plugins first: ./mvnw -B -q install -DskipTests").exists();
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("MALLKIT_SEED_PLUGINS", Path.of(dist).toAbsolutePath().toString());
        return all;
    }

    private void enableMembership(String store, String merchant, String storefront) {
        Response enabled = host.call("PUT", "/v1/stores/" + store + "/features/" + PLUGIN, merchant,
                new JsonObject().put("version", "1.0.0").put("config", new JsonObject().put("pointsPerYuan", 1)));
        assertThat(enabled.status()).as(enabled.text()).isEqualTo(200);
        Response paid = host.post("/v1/stores/" + store + "/orders/seed-order/events", storefront, paid(MEMBER, 1, 100_000));
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
    }

    Actor actor(String name) {
        return actors.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    static JsonObject paid(String member, int seq, long amount) {
        return new JsonObject().put("type", "PAID").put("seq", seq).put("memberId", member).put("currency", "CNY")
                .put("amount", amount).put("lines", new JsonArray()
                        .add(new JsonObject().put("sku", "sku-1").put("quantity", 1).put("amount", amount)));
    }

    /** @return {@code operation}'s path with {@code store} and sample values for its other parameters */
    static String path(OpenApi.Operation operation, String store) {
        String path = operation.path().replace("{store}", store)
                .replace("{memberId}", MEMBER)
                .replace("{pluginId}", PLUGIN)
                .replace("{version}", "1.0.0")
                .replaceAll("\\{[A-Za-z]+}", "sample1");
        if (!operation.requiredQuery().isEmpty()) {
            path += "?" + String.join("&", operation.requiredQuery().stream().map(q -> q + "=sample1").toList());
        }
        return path;
    }

    /** @return a valid body for {@code operation} acting on {@code store}, or null when it takes none */
    static Object body(OpenApi.Operation operation, String store) {
        if (operation.body() == null) {
            return null;
        }
        return SampleBodies.valid(operation.body(), field -> switch (field) {
            case "stores", "store", "storeId" -> store;
            case "memberId", "viewer" -> MEMBER;
            case "pluginId" -> PLUGIN;
            case "id", "orderId" -> "n" + Long.toHexString(System.nanoTime());
            default -> null;
        });
    }

    @Override
    public void close() {
        host.close();
    }
}
