package dev.mallkit.host.marketplace;

import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.host.runtime.TestPluginJar;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.host.testing.TestHost.Response;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.mallkit.host.marketplace.MarketHost.approve;
import static dev.mallkit.host.marketplace.MarketHost.catalogVersion;
import static dev.mallkit.host.marketplace.MarketHost.submit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the marketplace keeps and whom it trusts: first-party ids, descriptors that load as reviewed, the purge of
 * rejected packages, the provider's quota, and uninstalling and unloading versions; on H2 and MariaDB.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarketplaceHygieneTest {
    private static final String TARGETS = "export function targets(ctx, req) { return []; }";

    @Parameter
    DbKind kind;

    TestHost host;
    Path dir;
    String provider;
    String merchant;

    @BeforeParameterizedClassInvocation
    void start() throws Exception {
        dir = Files.createTempDirectory("mallkit-hygiene-");
        // no seed directory: first-party ids must belong to the platform without their packages
        host = TestHost.start(kind);
        provider = MarketHost.provider(host, "test-provider");
        merchant = host.merchant("hy-merchant");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private Path mkdir(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    private Response submitBytes(String token, byte[] bytes) {
        return host.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/v1/marketplace/submissions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    private String ownerOf(String pluginId) throws SQLException {
        try (Connection c = host.database().connect(host.dataDir())) {
            return PluginOwners.owner(c, pluginId).orElse(null);
        }
    }

    private void execute(String sql, String... params) throws SQLException {
        try (Connection c = host.database().connect(host.dataDir()); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            System.gc();
            Thread.sleep(100);
        }
    }

    @Test
    void firstPartyIdsBelongToThePlatformFromTheFirstStart() throws Exception {
        Response r = submit(host, provider, MarketHost.jumpJar(mkdir("first-party"), "membership-tiers", "9.0.0", "mine"));

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().getString("status")).isEqualTo("REJECTED_AUTOMATICALLY");
        assertThat(r.text()).contains("DESCRIPTOR_ID_NOT_OWNED");
        assertThat(ownerOf("membership-tiers")).isEqualTo(FirstPartyIds.PLATFORM);
        assertThat(ownerOf("live-jump-wecom")).isEqualTo(FirstPartyIds.PLATFORM);
        try (Connection c = host.database().connect(host.dataDir())) {
            assertThat(FirstPartyIds.reserve(c, Instant.now())).as("a second start changes nothing").isZero();
        }
        // an id a provider took before the platform reserved it is given back at the next start
        execute("UPDATE plugin_owners SET provider_id = 'test-provider' WHERE plugin_id = 'live-jump-wecom'");
        try (Connection c = host.database().connect(host.dataDir())) {
            assertThat(FirstPartyIds.reserve(c, Instant.now())).isEqualTo(1);
        }
        assertThat(ownerOf("live-jump-wecom")).isEqualTo(FirstPartyIds.PLATFORM);
    }

    @Test
    void descriptorDisagreeingWithTheJarManifestIsRejectedAutomatically() throws Exception {
        Path jar = TestPluginJar.liveJumpProvider("hy-mismatch", "1.0.0", "return List.of();").manifestVersion("1.0.1")
                .build(mkdir("mismatch"));

        Response r = submit(host, provider, jar);

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().getString("status")).isEqualTo("REJECTED_AUTOMATICALLY");
        assertThat(r.text()).contains("DESCRIPTOR_MANIFEST_MISMATCH", "Plugin-Version");
    }

    @Test
    void rejectedPackagesArePurgedAfterTheRetentionAndTheirRowsKeepTheReport() throws Exception {
        Response automatic = submitBytes(provider, "not a package at all".getBytes());
        Response toReject = submit(host, provider, MarketHost.jsZip(mkdir("purge-admin"), "hy-purge-admin", "test-provider", TARGETS));
        assertThat(toReject.json().getString("status")).as(toReject.text()).isEqualTo("PENDING");
        String byAdmin = toReject.json().getString("id");
        assertThat(host.post("/v1/marketplace/submissions/" + byAdmin + "/reject", TestHost.ADMIN_TOKEN, Map.of("reason", "no")).status())
                .isEqualTo(200);
        Response pending = submit(host, provider, MarketHost.jsZip(mkdir("purge-pending"), "hy-purge-pending", "test-provider",
                "export function targets(ctx, req) { return [ ]; }"));
        Path artifacts = host.dataDir().resolve("artifacts");
        SubmissionStorage storage = new SubmissionStorage(host.mallkit().database(), artifacts);

        assertThat(storage.purgeRejected(Instant.now())).as("within the retention nothing goes").isZero();
        assertThat(artifacts.resolve(automatic.json().getString("sha256"))).exists();

        assertThat(storage.purgeRejected(Instant.now().plus(Duration.ofDays(8)))).isGreaterThanOrEqualTo(2);

        for (String id : new String[] {automatic.json().getString("id"), byAdmin}) {
            Response after = host.get("/v1/marketplace/submissions/" + id, provider);
            assertThat(after.json().getBoolean("purged")).as(after.text()).isTrue();
            assertThat(after.json().getJsonObject("report").getJsonArray("findings")).isNotNull();
            assertThat(artifacts.resolve(after.json().getString("sha256"))).doesNotExist();
        }
        assertThat(artifacts.resolve(pending.json().getString("sha256"))).as("a pending package stays").exists();
        assertThat(host.get("/v1/marketplace/submissions/" + pending.json().getString("id"), provider).json().getBoolean("purged")).isFalse();
    }

    @Test
    void providerOverItsQuotaIsRefusedAndNothingIsWritten() throws Exception {
        String hoarder = MarketHost.provider(host, "hoarder-" + kind.name().toLowerCase());
        execute("UPDATE platform_settings SET val = '3000' WHERE name = ?", SubmissionStorage.QUOTA);
        try {
            assertThat(submitBytes(hoarder, new byte[2000]).status()).isEqualTo(201);
            long stored;
            try (var files = Files.list(host.dataDir().resolve("artifacts"))) {
                stored = files.count();
            }

            Response over = submitBytes(hoarder, new byte[1500]);

            assertThat(over.status()).as(over.text()).isEqualTo(413);
            assertThat(over.errorCode()).isEqualTo("PROVIDER_QUOTA_EXCEEDED");
            try (var files = Files.list(host.dataDir().resolve("artifacts"))) {
                assertThat(files.count()).as("no package written").isEqualTo(stored);
            }
            assertThat(host.get("/v1/marketplace/submissions", hoarder).array()).as("no row written").hasSize(1);
            assertThat(submit(host, provider, MarketHost.jsZip(mkdir("quota-other"), "hy-quota-other", "test-provider", TARGETS)).status())
                    .as("another provider's quota is its own").isEqualTo(201);
        } finally {
            execute("UPDATE platform_settings SET val = '209715200' WHERE name = ?", SubmissionStorage.QUOTA);
        }
    }

    @Test
    void versionInUseCannotBeUninstalledAndAnUnusedOneIsUnloadedAndDeleted() throws Exception {
        String id = "hy-uninstall";
        assertThat(approve(host, submit(host, provider, MarketHost.jumpJar(mkdir("uninstall"), id, "1.0.0", "u")).json().getString("id"))
                .status()).isEqualTo(200);
        String store = "hy-store-" + kind.name().toLowerCase();
        host.store(merchant, store);
        assertThat(host.call("PUT", "/v1/stores/" + store + "/features/" + id, merchant,
                Map.of("version", "1.0.0", "config", Map.of("title", "Shop now"))).status()).isEqualTo(200);
        String path = "/v1/marketplace/plugins/" + id + "/versions/1.0.0";

        Response inUse = host.call("DELETE", path, TestHost.ADMIN_TOKEN, null);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.errorCode()).isEqualTo("VERSION_IN_USE");
        assertThat(inUse.json().getJsonObject("error").getString("message")).contains("1 store");
        assertThat(host.call("DELETE", path, provider, null).status()).as("admins only").isEqualTo(403);

        assertThat(host.call("DELETE", "/v1/stores/" + store + "/features/" + id, merchant, null).status()).isIn(200, 204);
        WeakReference<ClassLoader> loader = new WeakReference<>(host.mallkit().catalog().loaded(id, "1.0.0").orElseThrow()
                .extension(LiveJumpProvider.class).orElseThrow().getClass().getClassLoader());
        Response uninstalled = host.call("DELETE", path, TestHost.ADMIN_TOKEN, null);

        assertThat(uninstalled.status()).as(uninstalled.text()).isEqualTo(200);
        assertThat(uninstalled.json().getString("status")).isEqualTo("UNINSTALLED");
        Path file = host.mallkit().config().pluginsDir().resolve(id + "-1.0.0.jar");
        eventually("unloaded and deleted", () -> host.mallkit().catalog().loaded(id, "1.0.0").isEmpty() && !Files.exists(file));
        eventually("class loader released", () -> loader.get() == null);
        assertThat(catalogVersion(host, merchant, id, "1.0.0").getString("status")).isEqualTo("UNINSTALLED");
        assertThat(host.post(path + "/uninstall", TestHost.ADMIN_TOKEN, null).errorCode()).isEqualTo("ALREADY_UNINSTALLED");
        assertThat(host.call("PUT", "/v1/stores/" + store + "/features/" + id, merchant,
                Map.of("version", "1.0.0", "config", Map.of("title", "Shop now"))).status()).as("no store can enable it again").isEqualTo(409);
    }

    @Test
    void yankedVersionIsUnloadedAndItsPackageDeleted() throws Exception {
        String id = "hy-yank";
        assertThat(approve(host, submit(host, provider, MarketHost.jumpJar(mkdir("yank"), id, "1.0.0", "y")).json().getString("id"))
                .status()).isEqualTo(200);
        Path file = host.mallkit().config().pluginsDir().resolve(id + "-1.0.0.jar");
        assertThat(file).exists();

        Response yanked = host.post("/v1/marketplace/plugins/" + id + "/versions/1.0.0/yank", TestHost.ADMIN_TOKEN, Map.of("reason", "leaks"));

        assertThat(yanked.status()).as(yanked.text()).isEqualTo(200);
        eventually("unloaded and deleted", () -> host.mallkit().catalog().loaded(id, "1.0.0").isEmpty() && !Files.exists(file));
        assertThat(catalogVersion(host, merchant, id, "1.0.0").getString("status")).isEqualTo("YANKED");
    }
}
