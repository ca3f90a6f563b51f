package dev.mallkit.plugins.membershiptiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginException;
import dev.mallkit.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TiersValidationTest {
    private final MembershipTiersProgram program = new MembershipTiersProgram();

    private static Map<String, Object> tier(String code, long minGrowth) {
        return Map.of("code", code, "name", code, "minGrowth", minGrowth, "discountBps", 0, "pointsMultiplierBps", 10_000);
    }

    private static PluginConfig tiers(List<Map<String, Object>> tiers) {
        return PluginConfig.of(Map.of("tiers", tiers));
    }

    @Test
    void defaultsAndIncreasingThresholdsAreAccepted() {
        assertThat(program.validate(PluginConfig.empty())).isEmpty();
        assertThat(program.validate(tiers(List.of(tier("a", 0), tier("b", 1), tier("c", 1_000))))).isEmpty();
    }

    @Test
    void thresholdsThatDoNotStrictlyIncreaseAreRefusedAtTheirPath() {
        List<ConfigProblem> problems = program.validate(tiers(List.of(tier("a", 0), tier("b", 0), tier("c", 500), tier("d", 400))));

        assertThat(problems).extracting(ConfigProblem::path).containsExactly("$.tiers[1].minGrowth", "$.tiers[3].minGrowth");
        assertThat(problems.getFirst().message()).isEqualTo("minGrowth must be greater than that of tiers[0]");
    }

    @Test
    void duplicateTierCodesAreRefused() {
        List<ConfigProblem> problems = program.validate(tiers(List.of(tier("gold", 0), tier("silver", 10), tier("gold", 20))));

        assertThat(problems).containsExactly(new ConfigProblem("$.tiers[2].code", "tier code 'gold' is already used by tiers[0]"));
    }

    @Test
    void unusableConfigurationIsReportedAndFailsCallsAsConfigInvalid() {
        var ctx = TestContext.forStore("s1").withConfig(Map.of("redeemCapBps", 20_000));

        assertThat(program.validate(ctx.config())).extracting(ConfigProblem::path).containsExactly("$");

        assertThatThrownBy(() -> program.benefits(ctx, Members.withGrowth(0)))
                .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.code()).isEqualTo("CONFIG_INVALID"));
    }
}
