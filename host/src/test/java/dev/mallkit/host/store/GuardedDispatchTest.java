package dev.mallkit.host.store;

import dev.mallkit.host.runtime.TestPluginJar;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.host.testing.TestHost.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.mallkit.host.testing.TestHost.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** An exclusive slot whose plugin overruns its budget answers 503 in time; other stores are unaffected. */
class GuardedDispatchTest {
    private static final String SLEEPY = """
            package testplugin.sleepy;
            import dev.mallkit.api.*;
            import dev.mallkit.api.membership.*;
            import java.util.*;
            @org.pf4j.Extension
            public class Points implements MembershipProgram {
              public MembershipDecision onOrder(PluginContext ctx, OrderEvent e, MemberState m) {
                try { Thread.sleep(5_000); } catch (InterruptedException ex) { Thread.currentThread().interrupt(); }
                return MembershipDecision.nothing("slept");
              }
              public MemberBenefits benefits(PluginContext ctx, MemberState m) {
                return new MemberBenefits("none", "None", BasisPoints.of(0), BasisPoints.multiplier(10000), List.of());
              }
              public RedemptionDecision redeem(PluginContext ctx, MemberState m, RedemptionRequest r) {
                return new RedemptionDecision(0, Money.zero("CNY"), "no redemption");
              }
            }
            """;

    static TestHost host;
    static String merchant;

    @BeforeAll
    static void start() throws Exception {
        Path seed = Files.createTempDirectory("mallkit-seed-");
        TestPluginJar.plugin("sleepy-points", "1.0.0").extension("testplugin.sleepy.Points", SLEEPY)
                .extensionPoints("MembershipProgram").build(seed);
        Path dist = Path.of(System.getProperty("mallkit.plugins.dist", "../plugins/target/dist"));
        Files.copy(dist.resolve("membership-tiers-1.0.0.jar"), seed.resolve("membership-tiers-1.0.0.jar"), StandardCopyOption.REPLACE_EXISTING);
        host = TestHost.start(DbKind.H2, Map.of("MALLKIT_SEED_PLUGINS", seed.toString(), "MALLKIT_PLUGIN_BUDGET_MS", "200"));
        merchant = host.merchant("guard-merchant");
        for (String[] store : new String[][] {{"slow", "sleepy-points"}, {"fine", "membership-tiers"}}) {
            host.store(merchant, store[0]);
            Response enabled = host.call("PUT", "/v1/stores/" + store[0] + "/features/" + store[1], merchant, Map.of("version", "1.0.0"));
            assertThat(enabled.status()).as(enabled.text()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static Response paid(String store, String order) {
        return host.post("/v1/stores/" + store + "/orders/" + order + "/events", merchant,
                Map.of("type", "PAID", "seq", 1, "memberId", "m1", "currency", "CNY", "amount", 19900));
    }

    @Test
    void anExclusiveSlotOverrunningItsBudgetAnswers503InTimeAndRecordsNothing() {
        assertThat(paid("fine", "warm-up").status()).isEqualTo(200);
        List<Long> elapsed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            Response r = paid("slow", "o-" + i);
            elapsed.add((System.nanoTime() - start) / 1_000_000);
            assertThat(r.status()).as(r.text()).isEqualTo(503);
            assertThat(r.errorCode()).isEqualTo("PLUGIN_UNAVAILABLE");

            long otherStart = System.nanoTime();
            assertThat(paid("fine", "f-" + i).status()).as("another store is unaffected").isEqualTo(200);
            assertThat((System.nanoTime() - otherStart) / 1_000_000).isLessThan(1_000);
        }
        elapsed.sort(Long::compare);
        // the promise: budget (200 ms) + 100 ms, measured around a real HTTP round trip; median of three
        assertThat(elapsed.get(1)).as("median ms of %s", elapsed).isLessThanOrEqualTo(300);
        // the failed event claimed nothing: the member was never recorded
        assertThat(host.get("/v1/stores/slow/members/m1", merchant).status()).isEqualTo(404);
    }

    @Test
    void metricsShowPerPluginCallsAndAreForAdminsOnly() {
        paid("slow", "metrics-1");
        Response metrics = host.get("/metrics", ADMIN_TOKEN);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text())
                .contains("# TYPE mallkit_plugin_calls_total counter")
                .containsPattern("mallkit_plugin_timeouts_total\\{plugin=\"sleepy-points\",version=\"1.0.0\"} [1-9]")
                .containsPattern("mallkit_plugin_calls_total\\{plugin=\"membership-tiers\",version=\"1.0.0\"} [1-9]")
                .contains("mallkit_plugin_call_duration_seconds_bucket");
        assertThat(host.get("/metrics", merchant).status()).isEqualTo(403);
        assertThat(host.get("/metrics", null).status()).isEqualTo(401);
    }
}
