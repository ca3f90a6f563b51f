package dev.mallkit.host.live;

import dev.mallkit.host.runtime.TestPluginJar;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real host seeded with the first-party plugin jars (built into {@code plugins/target/dist}) plus any
 * test plugin jars, one merchant, and helpers for the live-room routes.
 */
final class LiveHost implements AutoCloseable {
    static final String SHOWCASE = "live-jump-showcase";
    static final String MINI_PROGRAM = "live-jump-miniprogram";
    static final String OFFICIAL_ACCOUNT = "live-jump-official-account";
    static final String WECOM = "live-jump-wecom";
    static final String DISTRIBUTION = "distribution-classic";
    static final String ARTICLE_URL = "https://mp.weixin.qq.com/s/LiveArticle_1";

    final TestHost host;
    final String merchant;
    private final Path seed;

    private final Map<String, String> settings;

    private LiveHost(TestHost host, Path seed, Map<String, String> settings) {
        this.host = host;
        this.seed = seed;
        this.settings = settings;
        this.merchant = host.merchant("live-merchant");
    }

    /** Starts a host over {@code kind} seeded with the first-party jars and {@code testPlugins}. */
    static LiveHost start(DbKind kind, TestPluginJar... testPlugins) {
        return start(kind, Map.of(), testPlugins);
    }

    /**
     * Starts a host whose database, seed and keys a second host can share ({@link #beside}), as the hosts of
     * a cluster do.
     */
    static LiveHost startClusterable(DbKind kind) {
        try {
            return start(kind, Map.of("MALLKIT_SECRET_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32]),
                    "MALLKIT_SIGNING_KEY", Files.createTempDirectory("mallkit-live-keys-").toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a second host on this one's database and event bus, with the same plugins and keys; close it first */
    TestHost beside() {
        return TestHost.beside(host, settings);
    }

    private static LiveHost start(DbKind kind, Map<String, String> settings, TestPluginJar... testPlugins) {
        Path seed;
        try {
            seed = Files.createTempDirectory("mallkit-live-seed-");
            Path dist = Path.of(System.getProperty("mallkit.plugins.dist", "../plugins/target/dist"));
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(dist, "*.jar")) {
                for (Path jar : jars) {
                    Files.copy(jar, seed.resolve(jar.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("build the plugins first (./mvnw -B -q install -DskipTests): " + e.getMessage(), e);
        }
        for (TestPluginJar plugin : testPlugins) {
            plugin.build(seed);
        }
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("MALLKIT_SEED_PLUGINS", seed.toString());
        return new LiveHost(TestHost.start(kind, all), seed, Map.copyOf(all));
    }

    /** A showcase of two products. */
    static Map<String, Object> showcaseConfig() {
        return Map.of("products", List.of(
                Map.of("sku", "SKU-1", "title", "Tea", "priceMinor", 1990, "currency", "CNY"),
                Map.of("sku", "SKU-2", "title", "Cup", "priceMinor", 5900, "currency", "CNY")));
    }

    static Map<String, Object> miniProgramConfig() {
        return Map.of("appid", "wx0123456789abcdef", "path", "pages/live/landing");
    }

    static Map<String, Object> officialAccountConfig() {
        return Map.of("articleUrl", ARTICLE_URL, "accountId", "gh_0123456789ab", "profileName", "Acme");
    }

    static Map<String, Object> wecomConfig() {
        return Map.of("acquisitionLink", "https://work.weixin.qq.com/ca/cawcdeLive1", "channelTemplate", "{room}-{viewer}-{sharer}",
                "contactWay", Map.of("configId", "cfgLive1", "userIds", List.of("alice")));
    }

    /** @return the four first-party providers with working configurations, in that order */
    static Map<String, Map<String, Object>> allFour() {
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        features.put(SHOWCASE, showcaseConfig());
        features.put(MINI_PROGRAM, miniProgramConfig());
        features.put(OFFICIAL_ACCOUNT, officialAccountConfig());
        features.put(WECOM, wecomConfig());
        return features;
    }

    /** Creates {@code storeId}, enables {@code features} in iteration order and returns a storefront key. */
    String store(String storeId, Map<String, Map<String, Object>> features) {
        host.store(merchant, storeId);
        features.forEach((pluginId, config) -> {
            Response r = enable(storeId, pluginId, config);
            assertThat(r.status()).as("enable %s: %s", pluginId, r.text()).isEqualTo(200);
        });
        return host.storefront(merchant, storeId);
    }

    Response enable(String storeId, String pluginId, Map<String, Object> config) {
        return host.call("PUT", "/v1/stores/" + storeId + "/features/" + pluginId, merchant, Map.of("version", "1.0.0", "config", config));
    }

    Response targetsResponse(String token, String storeId, String room, String viewer, String sharer) {
        String query = "?viewer=" + encode(viewer) + (sharer == null ? "" : "&sharer=" + encode(sharer));
        return host.get("/v1/stores/" + storeId + "/live-rooms/" + room + "/jump-targets" + query, token);
    }

    /** @return the targets, asserting 200 */
    JsonArray targets(String token, String storeId, String room, String viewer, String sharer) {
        Response r = targetsResponse(token, storeId, room, viewer, sharer);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.array();
    }

    /** @return the target with {@code id} among {@code targets} */
    static JsonObject target(JsonArray targets, String id) {
        return targets.stream().map(JsonObject.class::cast).filter(t -> t.getString("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no target " + id + " in " + targets.encodePrettily()));
    }

    Response click(String token, String storeId, String targetId, String viewer, String attributionToken) {
        JsonObject body = new JsonObject().put("targetId", targetId).put("viewer", viewer);
        if (attributionToken != null) {
            body.put("token", attributionToken);
        }
        return host.post("/v1/stores/" + storeId + "/jump-clicks", token, body);
    }

    /** @return the room of the viewer's last recorded click */
    String lastClickedRoom(String storeId, String viewerId) throws SQLException {
        try (Connection c = host.mallkit().database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT room_id FROM jump_clicks WHERE store_id = ? AND viewer_id = ? ORDER BY id DESC")) {
            ps.setString(1, storeId);
            ps.setString(2, viewerId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            host.close();
        } finally {
            try (var files = Files.walk(seed)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // best effort: temp space
            }
        }
    }
}
