package dev.mallkit.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.host.js.JsPlugin;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void seededJavaScriptPluginLoadsWithoutASandboxUntilAStoreEnablesIt() throws Exception {
        JsPlugin plugin = (JsPlugin) host.mallkit().catalog().loaded(PLUGIN, "1.0.0").orElseThrow();
        assertThat(plugin.contextsCreated()).as("loaded at start, no context yet").isZero();

        String merchant = host.merchant("js-merchant");
        host.store(merchant, "js-store");
        TestHost.Response enabled = host.call("PUT", "/v1/stores/js-store/features/" + PLUGIN, merchant,
                Map.of("version", "1.0.0", "config", Map.of("appid", "wx0123456789abcdef")));
        assertThat(enabled.status()).as(enabled.text()).isEqualTo(200);
        assertThat(plugin.contextsCreated()).isEqualTo(1);

        List<String> labels = host.mallkit().featureMix().snapshot("js-store").additive(LiveJumpProvider.class).stream()
                .flatMap(b -> b.call((ext, ctx) -> ext.targets(ctx, new JumpRequest("room", "viewer", null, "tok"))).stream())
                .map(JumpTarget::label).toList();
        assertThat(labels).isNotEmpty();
        assertThat(plugin.contextsCreated()).as("the warm sandbox serves the call").isEqualTo(1);
    }
}
