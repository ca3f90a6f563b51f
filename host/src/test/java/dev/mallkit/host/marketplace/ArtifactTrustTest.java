package dev.mallkit.host.marketplace;

import dev.mallkit.host.Mallkit;
import dev.mallkit.host.store.FeatureView;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host loads a plugin only when its bytes hash to what the platform signed and the signature verifies;
 * otherwise the store's feature shows why.
 */
class ArtifactTrustTest {
    @TempDir
    Path dir;

    @Test
    void aTamperedOrUnsignedArtifactIsRefusedAndTheFeatureNamesTheProblem() throws Exception {
        try (TestHost host = TestHost.start(DbKind.H2)) {
            String provider = MarketHost.provider(host, "test-provider");
            String merchant = host.merchant("trust-merchant");
            host.store(merchant, "trust-store");
            for (String id : new String[] {"trust-tampered", "trust-unsigned"}) {
                String submission = MarketHost.submit(host, provider, MarketHost.jumpJar(dir, id, "1.0.0", id)).json().getString("id");
                assertThat(MarketHost.approve(host, submission).json().getBoolean("installed")).isTrue();
                assertThat(host.call("PUT", "/v1/stores/trust-store/features/" + id, merchant,
                        Map.of("version", "1.0.0", "config", Map.of("title", "Go"))).status()).isEqualTo(200);
            }
            Path plugins = host.mallkit().config().pluginsDir();
            // a still well-formed zip (a 4-byte archive comment) with other bytes: the strict reader passes it, the hash does not
            Path tampered = plugins.resolve("trust-tampered-1.0.0.jar");
            byte[] jar = Files.readAllBytes(tampered);
            jar[jar.length - 2] = 4;
            Files.write(tampered, jar);
            Files.write(tampered, new byte[] {0, 0, 0, 0}, StandardOpenOption.APPEND);
            try (Connection c = host.mallkit().database().dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE plugin_versions SET signature = NULL WHERE plugin_id = 'trust-unsigned'")) {
                ps.executeUpdate();
            }

            // no good copy anywhere: the shared artifact store would otherwise heal the tampered file
            try (Connection c = host.mallkit().database().dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("DELETE FROM plugin_artifacts")) {
                ps.executeUpdate();
            }
            // another host of the cluster (or this one restarted) installs from the same plugins directory
            Vertx vertx = Vertx.vertx();
            try {
                Mallkit second = Mallkit.create(vertx, host.mallkit().config()).await(60, TimeUnit.SECONDS);
                try {
                    assertThat(second.catalog().loaded("trust-tampered", "1.0.0")).isEmpty();
                    assertThat(second.catalog().loaded("trust-unsigned", "1.0.0")).isEmpty();
                    JsonArray features = new FeatureView(second.database(), second.catalog()).list("trust-store").await(10, TimeUnit.SECONDS);
                    assertThat(feature(features, "trust-tampered").getString("status")).isEqualTo("UNAVAILABLE");
                    assertThat(feature(features, "trust-tampered").getString("statusReason")).contains("HASH_MISMATCH", "modified");
                    assertThat(feature(features, "trust-unsigned").getString("status")).isEqualTo("UNAVAILABLE");
                    assertThat(feature(features, "trust-unsigned").getString("statusReason")).contains("UNSIGNED");
                } finally {
                    second.close();
                }
            } finally {
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theJavaRuntimeTrustsOnlyApprovedHashesWhoseSignatureVerifies() throws Exception {
        try (TestHost host = TestHost.start(DbKind.H2)) {
            String provider = MarketHost.provider(host, "test-provider");
            Path jar = MarketHost.jumpJar(dir, "trust-runtime", "1.0.0", "r");
            String sha = dev.mallkit.marketplace.signing.Sha256.of(jar);
            var signing = host.mallkit().catalog().installer().signing();
            var db = host.mallkit().database();
            assertThat(dev.mallkit.host.plugins.PluginInstaller.approved(db, signing, sha)).as("not yet approved").isFalse();
            MarketHost.approve(host, MarketHost.submit(host, provider, jar).json().getString("id"));
            assertThat(dev.mallkit.host.plugins.PluginInstaller.approved(db, signing, sha)).isTrue();
            try (Connection c = db.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE plugin_versions SET provider_id = 'forger' WHERE plugin_id = 'trust-runtime'")) {
                ps.executeUpdate();
            }
            assertThat(dev.mallkit.host.plugins.PluginInstaller.approved(db, signing, sha))
                    .as("the signature covers the provider: altered metadata no longer verifies").isFalse();
        }
    }

    private static JsonObject feature(JsonArray features, String pluginId) {
        return features.stream().map(JsonObject.class::cast).filter(f -> f.getString("pluginId").equals(pluginId)).findFirst().orElseThrow();
    }
}
