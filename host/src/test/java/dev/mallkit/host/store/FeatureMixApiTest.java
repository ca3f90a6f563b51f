package dev.mallkit.host.store;

import dev.mallkit.api.PluginContext;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.host.runtime.TestPluginJar;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-store feature mix over HTTP, with real plugin jars, on H2 and MariaDB. */
@ParameterizedClass
@EnumSource(DbKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeatureMixApiTest {
    private static final String SCHEMA = """
            {"type":"object","additionalProperties":false,"required":["title"],
             "properties":{
               "title":{"type":"string","minLength":2,"description":"button text"},
               "apiKey":{"type":"string","format":"password","description":"secret","default":"none"},
               "limit":{"type":"integer","minimum":1,"maximum":10,"default":3,"description":"how many"}}}""";

    @Parameter
    DbKind kind;

    TestHost host;
    String merchant;
    int storeCount;

    @BeforeParameterizedClassInvocation
    void start() throws Exception {
        Path seed = Files.createTempDirectory("mallkit-seed-");
        echo("jump-a", "1.0.0", "v1").build(seed);
        echo("jump-a", "2.0.0", "v2").build(seed);
        TestPluginJar.liveJumpProvider("jump-b", "1.0.0", "return List.of();")
                .descriptorJson("""
                        {"id":"jump-b","version":"1.0.0","provider":"acme","requires":">=1.0.0 & <2.0.0",
                         "extensionPoints":["LiveJumpProvider"],"configSchema":{"type":"object"},
                         "description":"needs jump-a","dependencies":["jump-a"]}""")
                .build(seed);
        Path dist = Path.of(System.getProperty("mallkit.plugins.dist", "../plugins/target/dist"));
        for (String jar : List.of("membership-tiers-1.0.0.jar", "membership-paid-card-1.0.0.jar", "js-live-jump-example-1.0.0.zip")) {
            Files.copy(dist.resolve(jar), seed.resolve(jar), StandardCopyOption.REPLACE_EXISTING);
        }
        host = TestHost.start(kind, Map.of("MALLKIT_SEED_PLUGINS", seed.toString()));
        merchant = host.merchant("fm-merchant");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    /** A provider whose one target echoes its version, title, limit and the secret's length. */
    private static TestPluginJar echo(String id, String version, String tag) {
        return TestPluginJar.liveJumpProvider(id, version, """
                var c = ctx.config();
                return List.of(new JumpTarget("t1", JumpTargetType.SHOWCASE_PRODUCT,
                    "%s|" + c.getString("title", "") + "|" + c.getLong("limit", -1) + "|" + c.getString("apiKey", "").length(),
                    Map.of(), List.of()));
                """.formatted(tag)).configSchema(SCHEMA);
    }

    private String newStore() {
        String id = "fm-" + kind.name().toLowerCase() + "-" + (++storeCount);
        host.store(merchant, id);
        return id;
    }

    private Response put(String store, String plugin, Object body) {
        return host.call("PUT", "/v1/stores/" + store + "/features/" + plugin, merchant, body);
    }

    private List<String> labels(String store) throws Exception {
        StoreSnapshot snapshot = host.mallkit().featureMix().snapshot(store);
        return snapshot.additive(LiveJumpProvider.class).stream()
                .flatMap(b -> b.call((ext, ctx) -> ext.targets(ctx, new JumpRequest("room", "viewer", null, "tok"))).stream())
                .map(JumpTarget::label).toList();
    }

    @Test
    void invalidConfigIsRefusedWithItsPathsAndNothingIsWritten() {
        String store = newStore();
        Response r = put(store, "jump-a", Map.of("version", "1.0.0", "config", Map.of("title", "x", "limit", 99, "bogus", 1)));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("CONFIG_INVALID");
        JsonArray details = r.json().getJsonObject("error").getJsonArray("details");
        assertThat(details.stream().map(d -> ((JsonObject) d).getString("path")).toList())
                .contains("$.title", "$.limit", "$.bogus");
        assertThat(host.get("/v1/stores/" + store + "/features", merchant).array()).isEmpty();
    }

    @Test
    void secretsAreEncryptedAtRestMaskedInResponsesAndGivenToThePlugin() throws Exception {
        String store = newStore();
        Response r = put(store, "jump-a", Map.of("version", "1.0.0", "config", Map.of("title", "Hello", "apiKey", "s3cr3t-value")));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().getJsonObject("config").getString("apiKey")).isEqualTo("******");
        assertThat(r.json().getJsonObject("config").getInteger("limit")).as("schema default applied").isEqualTo(3);
        JsonObject listed = host.get("/v1/stores/" + store + "/features", merchant).array().getJsonObject(0);
        assertThat(listed.encode()).doesNotContain("s3cr3t-value");
        assertThat(listed.getString("status")).isEqualTo("ACTIVE");
        assertThat(listed.getJsonArray("extensionPoints")).containsExactly("LiveJumpProvider");
        try (Connection c = host.database().connect(host.dataDir()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT config FROM store_features WHERE store_id = '" + store + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).doesNotContain("s3cr3t-value").contains("enc:v1:");
        }
        assertThat(labels(store)).containsExactly("v1|Hello|3|12");

        // the form sends the mask back: the stored secret is kept
        assertThat(put(store, "jump-a", Map.of("version", "1.0.0", "config", Map.of("title", "Hello again", "apiKey", "******"))).status())
                .isEqualTo(200);
        assertThat(labels(store)).as("snapshot rebuilt after the change").containsExactly("v1|Hello again|3|12");
    }

    @Test
    void storesRunDifferentVersionsOfOnePluginSideBySide() throws Exception {
        String a = newStore();
        String b = newStore();
        assertThat(put(a, "jump-a", Map.of("version", "1.0.0", "config", Map.of("title", "Aa"))).status()).isEqualTo(200);
        assertThat(put(b, "jump-a", Map.of("version", "2.0.0", "config", Map.of("title", "Bb"))).status()).isEqualTo(200);
        assertThat(labels(a)).containsExactly("v1|Aa|3|4");
        assertThat(labels(b)).containsExactly("v2|Bb|3|4");
    }

    @Test
    void aJavaScriptPluginRunsThroughTheSameFeatureApi() throws Exception {
        String store = newStore();
        Response bad = put(store, "js-live-jump-example", Map.of("version", "1.0.0", "config", Map.of("appid", "not-an-appid")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("CONFIG_INVALID");
        Response r = put(store, "js-live-jump-example", Map.of("version", "1.0.0", "config", Map.of("appid", "wx0123456789abcdef")));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().getString("status")).isEqualTo("ACTIVE");
        assertThat(labels(store)).isNotEmpty();
        assertThat(host.get("/health", null).json().getJsonObject("javascript").getString("mode")).isIn("compiled", "interpreted");
    }

    @Test
    void anExclusiveSlotTakesOnePlugin() {
        String store = newStore();
        assertThat(put(store, "membership-tiers", Map.of("version", "1.0.0", "config", Map.of())).status()).isEqualTo(200);
        Response second = put(store, "membership-paid-card", Map.of("version", "1.0.0", "config", Map.of()));
        assertThat(second.status()).as(second.text()).isEqualTo(409);
        assertThat(second.errorCode()).isEqualTo("SLOT_TAKEN");
        assertThat(host.call("DELETE", "/v1/stores/" + store + "/features/membership-tiers", merchant, null).status()).isEqualTo(204);
        assertThat(put(store, "membership-paid-card", Map.of("version", "1.0.0", "config", Map.of())).status()).isEqualTo(200);
    }

    @Test
    void dependenciesMustBeEnabledFirstAndCannotBeRemovedUnderneath() {
        String store = newStore();
        Response missing = put(store, "jump-b", Map.of("version", "1.0.0"));
        assertThat(missing.status()).isEqualTo(409);
        assertThat(missing.errorCode()).isEqualTo("DEPENDENCY_MISSING");
        assertThat(put(store, "jump-a", Map.of("version", "1.0.0", "config", Map.of("title", "Aa"), "order", 20)).status()).isEqualTo(200);
        assertThat(put(store, "jump-b", Map.of("version", "1.0.0", "order", 10)).status()).isEqualTo(200);
        assertThat(host.get("/v1/stores/" + store + "/features", merchant).array().stream()
                .map(f -> ((JsonObject) f).getString("pluginId")).toList()).containsExactly("jump-b", "jump-a");
        Response removal = host.call("DELETE", "/v1/stores/" + store + "/features/jump-a", merchant, null);
        assertThat(removal.status()).isEqualTo(409);
        assertThat(removal.errorCode()).isEqualTo("DEPENDENCY_REQUIRED");
    }

    @Test
    void aMixAppliesToManyStoresAllOrNothing() throws Exception {
        String s1 = newStore();
        String s2 = newStore();
        Map<String, Object> good = Map.of("pluginId", "jump-a", "version", "1.0.0", "config", Map.of("title", "Matrix"));
        Map<String, Object> bad = Map.of("pluginId", "membership-tiers", "version", "1.0.0", "config", Map.of("pointsPerYuan", -5));
        Response refused = host.post("/v1/merchants/me/feature-mixes/apply", merchant, Map.of("stores", List.of(s1, s2), "features", List.of(good, bad)));
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(host.get("/v1/stores/" + s1 + "/features", merchant).array()).isEmpty();
        assertThat(host.get("/v1/stores/" + s2 + "/features", merchant).array()).isEmpty();

        String other = host.merchant("fm-other-" + kind.name().toLowerCase());
        String foreign = "fm-foreign-" + kind.name().toLowerCase();
        host.store(other, foreign);
        Response notMine = host.post("/v1/merchants/me/feature-mixes/apply", merchant, Map.of("stores", List.of(s1, foreign), "features", List.of(good)));
        assertThat(notMine.status()).isEqualTo(404);
        assertThat(host.get("/v1/stores/" + s1 + "/features", merchant).array()).isEmpty();

        Response applied = host.post("/v1/merchants/me/feature-mixes/apply", merchant, Map.of("stores", List.of(s1, s2), "features", List.of(good)));
        assertThat(applied.status()).as(applied.text()).isEqualTo(200);
        assertThat(labels(s1)).containsExactly("v1|Matrix|3|4");
        assertThat(labels(s2)).containsExactly("v1|Matrix|3|4");
    }

    @Test
    void storesGivenTheSameMixShareOneParsedConfigButKeepTheirOwnContext() throws Exception {
        String s1 = newStore();
        String s2 = newStore();
        String s3 = newStore();
        Map<String, Object> same = Map.of("pluginId", "jump-a", "version", "1.0.0", "config", Map.of("title", "Shared", "apiKey", "k-1"));
        Response applied = host.post("/v1/merchants/me/feature-mixes/apply", merchant, Map.of("stores", List.of(s1, s2), "features", List.of(same)));
        assertThat(applied.status()).as(applied.text()).isEqualTo(200);
        assertThat(put(s3, "jump-a", Map.of("version", "1.0.0", "config", Map.of("title", "Own", "apiKey", "k-1"))).status()).isEqualTo(200);

        PluginContext c1 = context(s1);
        PluginContext c2 = context(s2);
        assertThat(c2.config()).isSameAs(c1.config());
        PluginContext c3 = context(s3);
        assertThat(c3.config()).isNotSameAs(c1.config());
        assertThat(c3.config().asMap().get("apiKey")).as("equal leaves of different configs are shared").isSameAs(c1.config().asMap().get("apiKey"));
        assertThat(List.of(c1.storeId(), c2.storeId())).containsExactly(s1, s2);
        c1.store().put("k", "one");
        assertThat(c2.store().get("k")).as("key-value stores stay per store").isEmpty();
        assertThat(c1.store().get("k")).contains("one");
        assertThat(c2.logger().getName()).endsWith("." + s2);

        assertThat(put(s2, "jump-a", Map.of("version", "1.0.0", "config", Map.of("title", "Changed", "apiKey", ConfigSchemas.MASK))).status())
                .isEqualTo(200);
        assertThat(labels(s2)).containsExactly("v1|Changed|3|3");
        assertThat(labels(s1)).containsExactly("v1|Shared|3|3");
    }

    private PluginContext context(String store) throws Exception {
        return host.mallkit().featureMix().snapshot(store).additive(LiveJumpProvider.class).getFirst().context();
    }

    @Test
    void featuresAreScopedToTheOwningMerchant() {
        String store = newStore();
        String other = host.merchant("fm-nosy-" + kind.name().toLowerCase());
        assertThat(host.get("/v1/stores/" + store + "/features", other).status()).isEqualTo(404);
        assertThat(host.call("PUT", "/v1/stores/" + store + "/features/jump-a", other, Map.of("version", "1.0.0")).status()).isEqualTo(404);
        String key = host.storefront(merchant, store);
        assertThat(host.get("/v1/stores/" + store + "/features", key).status()).isEqualTo(403);
        Response unpublished = put(store, "jump-a", Map.of("version", "9.9.9", "config", Map.of("title", "Aa")));
        assertThat(unpublished.status()).isEqualTo(404);
        assertThat(unpublished.errorCode()).isEqualTo("PLUGIN_NOT_FOUND");
    }
}
