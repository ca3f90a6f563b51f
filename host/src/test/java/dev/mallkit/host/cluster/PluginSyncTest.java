package dev.mallkit.host.cluster;

import dev.mallkit.host.Mallkit;
import dev.mallkit.host.plugins.PluginCatalog;
import dev.mallkit.host.runtime.PluginPackage;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestDatabase;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two hosts in one JVM on one event bus and one database, as a cluster is: a host started without a
 * plugin fetches it from the shared store; an installed version announced by one host is loaded by the
 * other within a second; a shared artifact whose bytes or hash do not match what was published is refused;
 * a yank drops the other host's cached store mixes; a yank or an uninstall unloads the version on the other
 * host and deletes its package there.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class PluginSyncTest {
    private static final Path DIST = Path.of(System.getProperty("mallkit.plugins.dist", "../plugins/target/dist"));

    @Parameter
    DbKind kind;

    @Test
    void pluginsReachAHostThatNeverReceivedThemAndTamperedArtifactsAreRefused() throws Exception {
        Path tiers = DIST.resolve("membership-tiers-1.0.0.jar");
        Path paidCard = DIST.resolve("membership-paid-card-1.0.0.jar");
        assertThat(tiers).as("build the plugins first: ./mvnw -B -q install -DskipTests").exists();
        Path seed = Files.createDirectories(Files.createTempDirectory("mallkit-seed-"));
        Files.copy(tiers, seed.resolve(tiers.getFileName()));
        Vertx vertx = Vertx.vertx();
        try (TestDatabase database = TestDatabase.create(kind)) {
            Path dirA = Files.createTempDirectory("mallkit-a-");
            Path dirB = Files.createTempDirectory("mallkit-b-");
            // hosts of one platform share its signing key pair
            String keys = Files.createTempDirectory("mallkit-keys-").toString();
            Mallkit a = Mallkit.create(vertx, database.config(dirA, Map.of("MALLKIT_SEED_PLUGINS", seed.toString(),
                    "MALLKIT_SIGNING_KEY", keys))).await(60, TimeUnit.SECONDS);
            DbArtifactStore shared = new DbArtifactStore(a.database().dataSource());
            String tiersSha = PluginPackage.sha256(tiers);
            await(() -> stored(shared, tiersSha), Duration.ofSeconds(20));

            // the same database (for H2, the file under A's data directory), B's own data directory
            Mallkit b = Mallkit.create(vertx, database.config(dirB, Map.of("MALLKIT_JDBC_URL", a.config().jdbcUrl(),
                    "MALLKIT_SIGNING_KEY", keys)))
                    .await(60, TimeUnit.SECONDS);
            try {
                await(() -> b.catalog().loaded("membership-tiers", "1.0.0").isPresent(), Duration.ofSeconds(20));
                assertThat(dirB.resolve("plugins/membership-tiers-1.0.0.jar")).exists().hasSameBinaryContentAs(tiers);

                // a version installed on host A after B started: announced, B loads it within a second
                PluginPackage card = PluginPackage.read(paidCard);
                publish(a, card.descriptor(), card.sha256(), paidCard);
                Files.copy(paidCard, dirA.resolve("plugins").resolve(paidCard.getFileName()));
                new PluginAnnouncer(vertx, shared).installed("membership-paid-card", "1.0.0", paidCard);
                await(() -> b.catalog().loaded("membership-paid-card", "1.0.0").isPresent(), Duration.ofSeconds(1));

                // bytes that do not hash to their key never load
                var d = card.descriptor();
                String fakeSha = "0".repeat(64);
                publish(a, new dev.mallkit.api.PluginDescriptor("tampered", "1.0.0", d.provider(), d.requires(), d.extensionPoints(),
                        d.configSchema(), d.description(), d.dependencies()), fakeSha, null);
                insertRaw(a, fakeSha, Files.readAllBytes(paidCard));
                Boolean refused = new PluginSync(b.database(), shared, b.catalog(), null, b.featureMix(), dirB.resolve("plugins"))
                        .apply(new PluginChange("tampered", "1.0.0", fakeSha, PluginChange.Action.INSTALLED))
                        .map(ok -> false).otherwise(e -> e.getMessage().contains("does not hash")).await(10, TimeUnit.SECONDS);
                assertThat(refused).isTrue();

                // an announcement whose hash is not the one published for the version is refused too
                Boolean mismatch = new PluginSync(b.database(), shared, b.catalog(), null, b.featureMix(), dirB.resolve("plugins"))
                        .apply(new PluginChange("membership-tiers", "2.0.0", tiersSha, PluginChange.Action.INSTALLED))
                        .map(ok -> false).otherwise(e -> e.getMessage().contains("not published")).await(10, TimeUnit.SECONDS);
                assertThat(mismatch).isTrue();
                assertThat(dirB.resolve("plugins/tampered-1.0.0.jar")).doesNotExist();

                // a yank announced by A drops B's cached store mixes
                var cached = b.featureMix().snapshot("any-store");
                assertThat(b.featureMix().snapshot("any-store")).isSameAs(cached);
                new PluginAnnouncer(vertx, shared).yanked("membership-paid-card", "1.0.0", card.sha256());
                await(() -> {
                    try {
                        return b.featureMix().snapshot("any-store") != cached;
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, Duration.ofSeconds(1));
                // ... and B unloads the yanked version and deletes its package, as it does an uninstalled one
                await(() -> b.catalog().loaded("membership-paid-card", "1.0.0").isEmpty()
                        && !Files.exists(dirB.resolve("plugins/membership-paid-card-1.0.0.jar")), Duration.ofSeconds(5));
                new PluginAnnouncer(vertx, shared).uninstalled("membership-tiers", "1.0.0", tiersSha);
                await(() -> b.catalog().loaded("membership-tiers", "1.0.0").isEmpty()
                        && !Files.exists(dirB.resolve("plugins/membership-tiers-1.0.0.jar")), Duration.ofSeconds(5));
            } finally {
                b.close();
                a.close();
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static boolean stored(ArtifactStore store, String sha) {
        try {
            return store.get(sha).isPresent();
        } catch (Exception e) {
            return false;
        }
    }

    /** Publishes a version as an approval would: signed with the platform key when the artifact is given. */
    private static void publish(Mallkit host, dev.mallkit.api.PluginDescriptor descriptor, String sha, Path artifact) throws Exception {
        String signature = artifact == null ? null : host.catalog().installer().signing()
                .sign(artifact, descriptor.id(), descriptor.version(), descriptor.provider()).signature();
        try (Connection c = host.database().dataSource().getConnection()) {
            PluginCatalog.publish(c, descriptor, "JAVA", sha, signature, "test");
        }
    }

    private static void insertRaw(Mallkit host, String sha, byte[] bytes) throws Exception {
        try (Connection c = host.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO plugin_artifacts (sha256, bytes, size, stored_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, sha);
            ps.setBytes(2, bytes);
            ps.setLong(3, bytes.length);
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited " + timeout).isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
