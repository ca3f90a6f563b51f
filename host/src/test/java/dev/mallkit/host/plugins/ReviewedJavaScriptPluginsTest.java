package dev.mallkit.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallkit.host.js.JsPlugin;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A host starting with reviewed JavaScript plugins creates their sandboxes only when a store uses them. */
class ReviewedJavaScriptPluginsTest {
    private static final String PLUGIN = "js-live-jump-example";

    private static TestHost host;

    @BeforeAll
    static void start() throws Exception {
        Path seed = Files.createTempDirectory("mallkit-seed-");
        Path dist = Path.of(System.getProperty("mallkit.plugins.dist", "../plugins/target/dist"));
        Files.copy(dist.resolve(PLUGIN + "-1.0.0.zip"), seed.resolve(PLUGIN + "-1.0.0.zip"));
        host = TestHost.start(DbKind.H2, Map.of("MALLKIT_SEED_PLUGINS", seed.toString()));
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void seededJavaScriptPluginLoadsWithoutASandboxOrAnEngine() {
        JsPlugin plugin = (JsPlugin) host.mallkit().catalog().loaded(PLUGIN, "1.0.0").orElseThrow();
        assertThat(plugin.contextsCreated()).as("loaded at start, no context yet").isZero();
        // enabling it for a store and calling it is FeatureMixApiTest's; the lookup that warms it is JsPluginRuntimeTest's
        assertThat(host.get("/health", null).json().getJsonObject("javascript").getString("mode"))
                .as("no store ran JavaScript: Truffle's engine is not built").isEqualTo("idle");
    }
}
