package dev.mallkit.plugins.distributionclassic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.distribution.CommissionLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationAndLimitsTest {
    private final ClassicDistributionScheme scheme = new ClassicDistributionScheme();

    private List<ConfigProblem> problems(Map<String, ?> config) {
        return scheme.validate(PluginConfig.of(config));
    }

    @Test
    void defaultsAreValidAndDeclareTwoLevelsAtFifteenPercent() {
        assertThat(problems(Map.of())).isEmpty();
        CommissionLimits limits = scheme.limits(PluginConfig.empty());
        assertThat(limits.levels()).isEqualTo(2);
        assertThat(limits.totalRate().value()).isEqualTo(1_500);
    }

    @Test
    void limitsCountSelfPurchaseAndTheLongestOverride() {
        CommissionLimits limits = scheme.limits(PluginConfig.of(Map.of(
                "levelRatesBps", List.of(1_000), "selfPurchaseBps", 300, "skuOverrides", Map.of("wine", List.of(100, 50, 10)))));

        assertThat(limits.levels()).isEqualTo(3);
        assertThat(limits.totalRate().value()).isEqualTo(1_300);
    }

    @Test
    void totalAboveTheOrderIsCappedInLimitsAndReportedByValidate() {
        var config = Map.of("levelRatesBps", List.of(6_000, 3_000), "selfPurchaseBps", 2_000);

        assertThat(scheme.limits(PluginConfig.of(config)).totalRate().value()).isEqualTo(10_000);
        assertThat(problems(config)).containsExactly(new ConfigProblem("$.levelRatesBps",
                "levels and self-purchase together pay 11000 bp, more than the whole order (10000 bp)"));
    }

    @Test
    void ratesOutsideZeroToTenThousandAreRefusedAtTheirIndex() {
        assertThat(problems(Map.of("levelRatesBps", List.of(1_000, -5, 12_000))))
                .extracting(ConfigProblem::path)
                .containsExactly("$.levelRatesBps[1]", "$.levelRatesBps[2]", "$.levelRatesBps");
    }

    @Test
    void negativeOverridesAreRefusedWithAQuotedPathForSkusThatNeedIt() {
        assertThat(problems(Map.of("skuOverrides", Map.of("wine", List.of(100, -1)))))
                .extracting(ConfigProblem::path).containsExactly("$.skuOverrides.wine[1]");
        assertThat(problems(Map.of("skuOverrides", Map.of("sku-9", List.of(-100)))))
                .containsExactly(new ConfigProblem("$.skuOverrides['sku-9'][0]", "a fixed commission must not be negative"));
    }

    @Test
    void expiringPolicyNeedsAtLeastOneBindingDay() {
        assertThat(problems(Map.of("bindingPolicy", "EXPIRING", "bindingDays", 0)))
                .extracting(ConfigProblem::path).containsExactly("$.bindingDays");
        assertThat(problems(Map.of("bindingPolicy", "FIRST_TOUCH", "bindingDays", 0))).isEmpty();
    }

    @Test
    void unknownPolicyIsReported() {
        assertThat(problems(Map.of("bindingPolicy", "FOREVER"))).extracting(ConfigProblem::path).containsExactly("$");
    }
}
