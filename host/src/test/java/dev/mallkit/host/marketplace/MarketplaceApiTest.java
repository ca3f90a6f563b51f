package dev.mallkit.host.marketplace;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.mallkit.host.marketplace.MarketHost.approve;
import static dev.mallkit.host.marketplace.MarketHost.catalogVersion;
import static dev.mallkit.host.marketplace.MarketHost.labels;
import static dev.mallkit.host.marketplace.MarketHost.submit;
import static org.assertj.core.api.Assertions.assertThat;

/** Submission, review, approval, rejection, yank, catalog and audit over HTTP, on H2 and MariaDB. */
@ParameterizedClass
@EnumSource(DbKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarketplaceApiTest {
    @Parameter
    DbKind kind;

    TestHost host;
    Path dir;
    String provider;
    String rival;
    String merchant;
    int stores;

    @BeforeParameterizedClassInvocation
    void start() throws Exception {
        dir = Files.createTempDirectory("mallkit-market-");
        Path seed = Files.createDirectories(dir.resolve("seed"));
        Path dist = Path.of(System.getProperty("mallkit.plugins.dist", "../plugins/target/dist"));
        Files.copy(dist.resolve("js-live-jump-example-1.0.0.zip"), seed.resolve("js-live-jump-example-1.0.0.zip"), StandardCopyOption.REPLACE_EXISTING);
        host = TestHost.start(kind, Map.of("MALLKIT_SEED_PLUGINS", seed.toString()));
        provider = MarketHost.provider(host, "test-provider");
        rival = MarketHost.provider(host, "rival");
        merchant = host.merchant("mk-merchant");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private String newStore() {
        String id = "mk-" + kind.name().toLowerCase() + "-" + (++stores);
        host.store(merchant, id);
        return id;
    }

    private Response enable(String store, String plugin, String version) {
        return host.call("PUT", "/v1/stores/" + store + "/features/" + plugin, merchant,
                Map.of("version", version, "config", Map.of("title", "Shop now")));
    }

    private String submitted(Path file) {
        Response r = submit(host, provider, file);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().getString("status")).as(r.text()).isEqualTo("PENDING");
        return r.json().getString("id");
    }

    @Test
    void approvalSignsPublishesAndInstallsSoAStoreRunsItAtOnce() throws Exception {
        String id = submitted(MarketHost.jumpJar(dir, "mk-approve", "1.0.0", "approved"));
        assertThat(host.get("/v1/marketplace/reviews?status=PENDING", TestHost.ADMIN_TOKEN).array().stream()
                .map(s -> ((JsonObject) s).getString("id"))).contains(id);

        Response approved = approve(host, id);

        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.json().getString("status")).isEqualTo("APPROVED");
        assertThat(approved.json().getBoolean("installed")).isTrue();
        JsonObject version = catalogVersion(host, merchant, "mk-approve", "1.0.0");
        assertThat(version.getString("status")).isEqualTo("PUBLISHED");
        assertThat(version.getBoolean("signed")).isTrue();
        assertThat(version.getBoolean("loaded")).isTrue();
        assertThat(version.getJsonArray("extensionPoints")).containsExactly("LiveJumpProvider");
        assertThat(version.getJsonObject("configSchema").getJsonObject("properties").fieldNames()).contains("title", "style");
        assertThat(version.getJsonObject("compatibility").getJsonObject("1.0.0").getBoolean("compatible")).isTrue();
        String store = newStore();
        assertThat(enable(store, "mk-approve", "1.0.0").status()).isEqualTo(200);
        assertThat(labels(host, store)).containsExactly("approved|Shop now|3|plain");
        JsonArray audit = host.get("/v1/marketplace/audit", TestHost.ADMIN_TOKEN).array();
        assertThat(audit.stream().map(a -> ((JsonObject) a).getString("action") + " " + ((JsonObject) a).getString("target")))
                .contains("SUBMIT submission:" + id + " mk-approve@1.0.0", "APPROVE submission:" + id + " mk-approve@1.0.0");
        assertThat(approve(host, id).errorCode()).as("approved once").isEqualTo("SUBMISSION_NOT_PENDING");
    }

    @Test
    void seededFirstPartyPluginsAreSignedAndLoaded() {
        JsonObject version = catalogVersion(host, provider, "js-live-jump-example", "1.0.0");
        assertThat(version.getBoolean("signed")).isTrue();
        assertThat(version.getBoolean("loaded")).isTrue();
    }

    @Test
    void aBlockingFindingRejectsAutomaticallyWithTheReport() {
        Path bad = MarketHost.jsZip(dir, "mk-js-broken", "test-provider", "export function targets(ctx, req) { return [ ; }");
        Response r = submit(host, provider, bad);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().getString("status")).isEqualTo("REJECTED_AUTOMATICALLY");
        JsonObject report = r.json().getJsonObject("report");
        assertThat(report.getBoolean("passed")).isFalse();
        assertThat(report.getJsonArray("findings").stream().map(f -> ((JsonObject) f).getString("code"))).contains("JS_INVALID");
        assertThat(approve(host, r.json().getString("id")).errorCode()).isEqualTo("SUBMISSION_NOT_PENDING");
    }

    @Test
    void theFirstProviderOwnsAnIdAndOthersCannotSeeOrTakeIt() {
        String id = submitted(MarketHost.jsZip(dir, "mk-owned", "test-provider", "export function targets(ctx, req) { return []; }"));
        Response taken = submit(host, rival, MarketHost.jsZip(Files.exists(dir.resolve("rival")) ? dir.resolve("rival") : mkdir("rival"),
                "mk-owned", "rival", "export function targets(ctx, req) { return []; }"));
        assertThat(taken.json().getString("status")).isEqualTo("REJECTED_AUTOMATICALLY");
        assertThat(taken.text()).contains("DESCRIPTOR_ID_NOT_OWNED");
        Response mismatch = submit(host, rival, MarketHost.jsZip(dir.resolve("rival"), "mk-other", "test-provider", "export function targets(){return [];}"));
        assertThat(mismatch.text()).contains("DESCRIPTOR_PROVIDER_MISMATCH");
        assertThat(host.get("/v1/marketplace/submissions/" + id, rival).status()).isEqualTo(404);
        assertThat(host.get("/v1/marketplace/submissions/" + id, provider).json().getString("pluginId")).isEqualTo("mk-owned");
        assertThat(host.get("/v1/marketplace/submissions/" + id, merchant).status()).isEqualTo(403);
        assertThat(host.get("/v1/marketplace/reviews", provider).status()).isEqualTo(403);
    }

    @Test
    void rejectionKeepsTheReasonAndAuditsIt() {
        String id = submitted(MarketHost.jsZip(mkdir("reject"), "mk-rejected", "test-provider", "export function targets(){return [];}"));
        assertThat(host.post("/v1/marketplace/submissions/" + id + "/reject", TestHost.ADMIN_TOKEN, Map.of()).errorCode())
                .isEqualTo("FIELD_REQUIRED");

        Response r = host.post("/v1/marketplace/submissions/" + id + "/reject", TestHost.ADMIN_TOKEN, Map.of("reason", "labels are misleading"));

        assertThat(r.json().getString("status")).isEqualTo("REJECTED");
        assertThat(host.get("/v1/marketplace/submissions/" + id, provider).json().getString("reason")).isEqualTo("labels are misleading");
        assertThat(host.get("/v1/marketplace/audit", TestHost.ADMIN_TOKEN).text()).contains("labels are misleading");
    }

    @Test
    void yankStopsEveryStoreAndShowsTheReason() throws Exception {
        approve(host, submitted(MarketHost.jumpJar(mkdir("yank"), "mk-yank", "1.0.0", "y")));
        String a = newStore();
        String b = newStore();
        enable(a, "mk-yank", "1.0.0");
        enable(b, "mk-yank", "1.0.0");
        assertThat(labels(host, a)).hasSize(1);

        Response r = host.post("/v1/marketplace/plugins/mk-yank/versions/1.0.0/yank", TestHost.ADMIN_TOKEN, Map.of("reason", "leaks viewer ids"));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        for (String store : List.of(a, b)) {
            assertThat(labels(host, store)).isEmpty();
            JsonObject feature = host.get("/v1/stores/" + store + "/features", merchant).array().getJsonObject(0);
            assertThat(feature.getString("status")).isEqualTo("YANKED");
            assertThat(feature.getString("statusReason")).isEqualTo("leaks viewer ids");
        }
        assertThat(catalogVersion(host, merchant, "mk-yank", "1.0.0").getString("status")).isEqualTo("YANKED");
        assertThat(host.post("/v1/marketplace/plugins/mk-yank/versions/1.0.0/yank", TestHost.ADMIN_TOKEN, Map.of("reason", "again")).errorCode())
                .isEqualTo("ALREADY_YANKED");
        assertThat(host.post("/v1/marketplace/plugins/nope/versions/1.0.0/yank", TestHost.ADMIN_TOKEN, Map.of("reason", "x")).status()).isEqualTo(404);
    }

    @Test
    void packagesLargerThanTheJsonLimitAreAcceptedAndOtherBodiesRefused() throws Exception {
        Path big = mkdir("big").resolve("big.zip");
        byte[] noise = new byte[1536 * 1024];
        new java.util.Random(7).nextBytes(noise);
        Files.write(big, noise);
        Response r = submit(host, provider, big);
        assertThat(r.status()).as("a 1.5 MiB package passes the 1 MiB JSON limit: " + r.text()).isEqualTo(201);
        assertThat(r.json().getString("status")).isEqualTo("REJECTED_AUTOMATICALLY");
        assertThat(host.post("/v1/marketplace/submissions", provider, Map.of("not", "a package")).errorCode())
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    private Path mkdir(String name) {
        try {
            return Files.createDirectories(dir.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
