package dev.mallkit.host.live;

import dev.mallkit.host.runtime.TestPluginJar;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.mallkit.host.live.LiveHost.ARTICLE_URL;
import static dev.mallkit.host.live.LiveHost.MINI_PROGRAM;
import static dev.mallkit.host.live.LiveHost.OFFICIAL_ACCOUNT;
import static dev.mallkit.host.live.LiveHost.SHOWCASE;
import static dev.mallkit.host.live.LiveHost.WECOM;
import static dev.mallkit.host.live.LiveHost.target;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET .../live-rooms/{roomId}/jump-targets} over the real first-party jars and misbehaving test plugins. */
@ParameterizedClass
@EnumSource(DbKind.class)
class JumpTargetsApiTest {
    // the longest ids the host accepts (64 characters), with ':' that percent-encoding triples
    private static final String LONG_ROOM = "room:" + "r".repeat(59);
    private static final String LONG_VIEWER = "viewer:" + "v:".repeat(27) + "end";
    private static final String LONG_SHARER = "sharer:" + "s:".repeat(27) + "end";

    @Parameter
    DbKind kind;

    // one host per database kind: seeding and loading the plugin jars dominates a start
    static LiveHost live;

    @BeforeParameterizedClassInvocation
    static void start(DbKind kind) {
        live = LiveHost.start(kind,
                TestPluginJar.liveJumpProvider("bad-thrower", "1.0.0", "throw new IllegalStateException(\"plugin bug\");"),
                TestPluginJar.liveJumpProvider("bad-sleeper", "1.0.0",
                        "try { Thread.sleep(5_000); } catch (InterruptedException e) { } return List.of();"),
                TestPluginJar.liveJumpProvider("echo-article", "1.0.0", """
                        return List.of(
                            new JumpTarget("copy", JumpTargetType.OFFICIAL_ACCOUNT_ARTICLE, "copy",
                                Map.of("url", "%s?from=" + request.attributionToken()), List.of("echo:copy")),
                            new JumpTarget("own", JumpTargetType.OFFICIAL_ACCOUNT_ARTICLE, "own",
                                Map.of("url", "https://mp.weixin.qq.com/s/EchoOwn"), List.of("echo:own")));
                        """.formatted(ARTICLE_URL)));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (live != null) {
            live.close();
        }
    }

    @Test
    void storeMixingAllFourProvidersServesTheirTargetsInTheStoresOrder() {
        String key = live.store("mix4", LiveHost.allFour());

        JsonArray targets = live.targets(key, "mix4", "room-1", "viewer-1", "sharer-1");

        assertThat(targets.stream().map(t -> ((JsonObject) t).getString("id")).toList()).containsExactly(
                SHOWCASE + ":product:SKU-1", SHOWCASE + ":product:SKU-2", MINI_PROGRAM + ":mini-program-page",
                OFFICIAL_ACCOUNT + ":official-account-article", OFFICIAL_ACCOUNT + ":official-account-profile",
                WECOM + ":wecom-acquisition-link", WECOM + ":wecom-contact");
        String token = targets.getJsonObject(0).getString("attributionToken");
        assertThat(token).matches("[A-Za-z0-9]{16}");
        assertThat(targets.stream().map(t -> ((JsonObject) t).getString("attributionToken"))).containsOnly(token);
        JsonObject product = target(targets, SHOWCASE + ":product:SKU-1");
        assertThat(product.getString("type")).isEqualTo("SHOWCASE_PRODUCT");
        assertThat(product.getString("label")).isEqualTo("Tea");
        assertThat(product.getString("price")).isEqualTo("1990");
        assertThat(product.getString("path")).isEqualTo("pages/goods/detail?sku=SKU-1&t=" + token);
        assertThat(product.getJsonArray("labels")).containsExactly("live:showcase");
        JsonObject page = target(targets, MINI_PROGRAM + ":mini-program-page");
        assertThat(page.getString("appid")).isEqualTo("wx0123456789abcdef");
        assertThat(page.getString("query")).isEqualTo("room=room-1&viewer=viewer-1&sharer=sharer-1&t=" + token);
        assertThat(page.getString("urlScheme")).startsWith("weixin://dl/business/?appid=wx0123456789abcdef&path=pages%2Flive%2Flanding");
        assertThat(target(targets, WECOM + ":wecom-acquisition-link").getString("customerChannel")).isEqualTo("room-1-viewer-1-sharer-1");
        assertThat(target(targets, OFFICIAL_ACCOUNT + ":official-account-profile").getString("label")).isEqualTo("关注Acme");
    }

    @Test
    void attributionTokenIsStablePerTupleAndDiffersAcrossTuples() {
        String key = live.store("tokens", Map.of(SHOWCASE, LiveHost.showcaseConfig()));

        String first = token(live.targets(key, "tokens", "room-1", "viewer-1", "sharer-1"));
        String again = token(live.targets(key, "tokens", "room-1", "viewer-1", "sharer-1"));
        String unshared = token(live.targets(key, "tokens", "room-1", "viewer-1", null));
        String otherSharer = token(live.targets(key, "tokens", "room-1", "viewer-1", "sharer-2"));
        String otherRoom = token(live.targets(key, "tokens", "room-2", "viewer-1", "sharer-1"));
        String otherCase = token(live.targets(key, "tokens", "room-1", "VIEWER-1", "sharer-1"));

        assertThat(again).isEqualTo(first);
        assertThat(List.of(first, unshared, otherSharer, otherRoom, otherCase)).doesNotHaveDuplicates()
                .allSatisfy(t -> assertThat(t).matches("[A-Za-z0-9]{16}"));
    }

    @Test
    void duplicateDestinationsKeepTheFirstProvidersTarget() {
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        features.put(OFFICIAL_ACCOUNT, Map.of("articleUrl", ARTICLE_URL));
        features.put("echo-article", Map.of());
        String key = live.store("dups", features);

        JsonArray targets = live.targets(key, "dups", "room-1", "viewer-1", null);
        assertThat(ids(targets)).containsExactly(OFFICIAL_ACCOUNT + ":official-account-article", "echo-article:own");

        // the store's order decides who is first
        Response reorder = live.host.call("PUT", "/v1/stores/dups/features/echo-article", live.merchant,
                Map.of("version", "1.0.0", "config", Map.of(), "order", 1));
        assertThat(reorder.status()).as(reorder.text()).isEqualTo(200);
        assertThat(ids(live.targets(key, "dups", "room-1", "viewer-1", null)))
                .containsExactly("echo-article:copy", "echo-article:own");
    }

    @Test
    void failingAndSlowProvidersContributeNothingWhileOthersAnswer() {
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        features.put("bad-thrower", Map.of());
        features.put(SHOWCASE, LiveHost.showcaseConfig());
        features.put("bad-sleeper", Map.of());
        features.put(OFFICIAL_ACCOUNT, Map.of("articleUrl", ARTICLE_URL));
        String key = live.store("faulty", features);

        long started = System.nanoTime();
        JsonArray targets = live.targets(key, "faulty", "room-1", "viewer-1", null);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(ids(targets)).containsExactly(SHOWCASE + ":product:SKU-1", SHOWCASE + ":product:SKU-2",
                OFFICIAL_ACCOUNT + ":official-account-article");
        // providers are asked at once: one time budget (1 s in tests) plus a noisy machine's margin, never the
        // sleeper's 5 s (nor the sum of two budgets in sequence)
        assertThat(tookMillis).isLessThan(4_000);
    }

    @Test
    void longViewerAndSharerIdsAreTokenisedWithinWeChatLimitsNeverTruncated() {
        String padding = "a".repeat(380);
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        features.put(MINI_PROGRAM, Map.of("appid", "wx0123456789abcdef", "path", "pages/live/landing",
                "queryTemplate", "src=" + padding + "&room={room}&viewer={viewer}&sharer={sharer}&t={token}"));
        features.put(WECOM, LiveHost.wecomConfig());
        features.put(SHOWCASE, LiveHost.showcaseConfig());
        String key = live.store("limits", features);

        JsonArray targets = live.targets(key, "limits", LONG_ROOM, LONG_VIEWER, LONG_SHARER);
        String token = token(targets);

        JsonObject page = target(targets, MINI_PROGRAM + ":mini-program-page");
        String schemeQuery = page.getString("query");
        assertThat(schemeQuery.length()).isLessThanOrEqualTo(512);
        assertThat(params(schemeQuery)).containsEntry("room", token).containsEntry("viewer", token)
                .containsEntry("sharer", token).containsEntry("t", token).containsEntry("src", padding);
        assertThat(URLDecoder.decode(page.getString("urlScheme").replaceFirst(".*&query=", ""), StandardCharsets.UTF_8))
                .isEqualTo(schemeQuery);
        String linkQuery = page.getString("urlLink.query");
        assertThat(linkQuery.length()).isLessThanOrEqualTo(1024);
        // the URL Link has room for the full ids: they appear whole, not cut
        assertThat(params(linkQuery)).containsEntry("room", LONG_ROOM).containsEntry("viewer", LONG_VIEWER)
                .containsEntry("sharer", LONG_SHARER).containsEntry("t", token);

        String channel = target(targets, WECOM + ":wecom-acquisition-link").getString("customerChannel");
        assertThat(channel.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
        assertThat(channel).isEqualTo(token + "-" + token + "-" + token);
        assertThat(target(targets, WECOM + ":wecom-acquisition-link").getString("url")).endsWith("?customer_channel=" + channel);

        assertThat(target(targets, SHOWCASE + ":product:SKU-1").getString("path")).endsWith("&t=" + token);
    }

    @Test
    void merchantReadsTargetsAndOtherScopesCannot() {
        String key = live.store("scoped", Map.of(SHOWCASE, LiveHost.showcaseConfig()));
        String otherKey = live.store("scoped-other", Map.of());

        assertThat(live.targetsResponse(live.merchant, "scoped", "room-1", "viewer-1", null).status()).isEqualTo(200);
        assertThat(live.targetsResponse(key, "scoped", "room-1", "viewer-1", null).status()).isEqualTo(200);
        assertThat(live.targetsResponse(otherKey, "scoped", "room-1", "viewer-1", null).status()).isEqualTo(404);
        assertThat(live.targetsResponse(live.host.merchant("stranger"), "scoped", "room-1", "viewer-1", null).status()).isEqualTo(404);
        assertThat(live.targetsResponse(otherKey, "scoped-other", "room-1", "viewer-1", null).array()).isEmpty();
    }

    @Test
    void viewerIsRequiredAndIdsAreChecked() {
        String key = live.store("checked", Map.of(SHOWCASE, LiveHost.showcaseConfig()));

        Response missing = live.host.get("/v1/stores/checked/live-rooms/room-1/jump-targets", key);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorCode()).isEqualTo("FIELD_REQUIRED");
        Response tooLong = live.targetsResponse(key, "checked", "room-1", "v".repeat(65), null);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().getJsonObject("error").getJsonArray("details")).containsExactly("viewer");
        assertThat(live.targetsResponse(key, "checked", "room-1", "viewer-1", "bad sharer").status()).isEqualTo(400);
    }

    @Test
    void enablingRefusesConfigurationsThatCannotProduceValidLinks() {
        live.host.store(live.merchant, "configs");
        String appid = "wx0123456789abcdef";
        assertConfigInvalid(MINI_PROGRAM, Map.of("appid", "wx12345", "path", "pages/a"), "$.appid");
        assertConfigInvalid(MINI_PROGRAM, Map.of("appid", appid, "path", "/pages/a"), "$.path");
        assertConfigInvalid(MINI_PROGRAM, Map.of("appid", appid, "path", "pages/a?x=1"), "$.path");
        // fits as written, but 4 placeholders as 16-character tokens would exceed the 512-character URL Scheme query
        assertConfigInvalid(MINI_PROGRAM, Map.of("appid", appid, "path", "pages/a",
                "queryTemplate", "x=" + "a".repeat(450) + "&r={room}&v={viewer}&s={sharer}&t={token}"), "$.queryTemplate");
        assertConfigInvalid(WECOM, Map.of("acquisitionLink", "https://work.weixin.qq.com/wrong/abc"), "$.acquisitionLink");
        assertConfigInvalid(WECOM, Map.of("acquisitionLink", "https://work.weixin.qq.com/ca/abc",
                "channelTemplate", "{room}{viewer}{sharer}{token}!"), "$.channelTemplate");
        assertConfigInvalid(SHOWCASE, Map.of("products", List.of(Map.of("sku", "S1", "title", "T", "priceMinor", 1,
                "currency", "CNY", "page", "/pages/p"))), "$.products[0].page");
    }

    private void assertConfigInvalid(String pluginId, Map<String, Object> config, String path) {
        Response r = live.enable("configs", pluginId, config);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("CONFIG_INVALID");
        JsonArray details = r.json().getJsonObject("error").getJsonArray("details");
        assertThat(details.stream().map(d -> ((JsonObject) d).getString("path"))).as(r.text()).contains(path);
    }

    private static String token(JsonArray targets) {
        assertThat(targets).isNotEmpty();
        return targets.getJsonObject(0).getString("attributionToken");
    }

    private static List<String> ids(JsonArray targets) {
        return targets.stream().map(t -> ((JsonObject) t).getString("id")).toList();
    }

    private static Map<String, String> params(String query) {
        return Arrays.stream(query.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }
}
