package dev.mallkit.host.reliability;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.mallkit.host.reliability.PluginFaultLoadTest.FAULTY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JavaScript plugin that loops is cut off after its first call (its statement limit runs out, which opens the
 * breaker at once); one that throws fails each order with 503. Either way the merchant can reconfigure it,
 * even while its breaker is open, and the store's orders are served again at once.
 */
class FaultyPluginRecoveryTest {
    @TempDir
    Path plugins;

    @ParameterizedTest
    @ValueSource(strings = {"loop", "throw"})
    void anOpenBreakerNeitherBlocksReconfiguringNorOutlivesTheFix(String mode) throws Exception {
        PluginFaultLoadTest.writeFaultyPackage(plugins.resolve(FAULTY + "-1.0.0.zip"));
        Map<String, String> settings = Tenancy.withPlugins(Map.of("MALLKIT_DEV_MODE", "true", "MALLKIT_PLUGINS_DIR", plugins.toString()));
        try (TestHost host = TestHost.start(DbKind.H2, settings)) {
            String merchant = host.merchant("merchant-recovery");
            host.store(merchant, "shop");
            assertThat(configure(host, merchant, mode).status()).isEqualTo(200);
            String key = host.storefront(merchant, "shop");

            Response failed = host.post("/v1/stores/shop/orders/o1/events", key, Tenancy.paid("m1", 1, 10_000));
            assertThat(failed.status()).as(failed.text()).isEqualTo(503);
            assertThat(failed.text()).doesNotContain("circuit_open");
            Response again = host.post("/v1/stores/shop/orders/o2/events", key, Tenancy.paid("m1", 1, 10_000));
            assertThat(again.status()).isEqualTo(503);
            assertThat(again.text()).as("a runaway is not called twice").contains(mode.equals("loop") ? "circuit_open" : "(failed)");

            Response fixed = configure(host, merchant, "ok");
            assertThat(fixed.status()).as(fixed.text()).isEqualTo(200);
            Response served = host.post("/v1/stores/shop/orders/o-fixed/events", key, Tenancy.paid("m1", 1, 10_000));
            assertThat(served.status()).as(served.text()).isEqualTo(200);
        }
    }

    private static Response configure(TestHost host, String merchant, String mode) {
        return host.call("PUT", "/v1/stores/shop/features/" + FAULTY, merchant,
                new JsonObject().put("version", "1.0.0").put("config", new JsonObject().put("mode", mode)));
    }
}
