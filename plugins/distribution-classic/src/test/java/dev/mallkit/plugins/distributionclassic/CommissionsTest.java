package dev.mallkit.plugins.distributionclassic;

import static dev.mallkit.plugins.distributionclassic.Orders.event;
import static dev.mallkit.plugins.distributionclassic.Orders.line;
import static dev.mallkit.plugins.distributionclassic.Orders.paid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.distribution.CommissionPlan;
import dev.mallkit.api.distribution.CommissionSplit;
import dev.mallkit.testkit.TestContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommissionsTest {
    private static final List<String> UPLINE = List.of("alice", "bob", "carol");

    private final ClassicDistributionScheme scheme = new ClassicDistributionScheme();
    private final TestContext defaults = TestContext.forStore("s1");

    private static CommissionSplit split(int level, String beneficiary, long minor, String reason) {
        return new CommissionSplit(level, beneficiary, Money.of(minor, "CNY"), reason);
    }

    @Test
    void defaultRatesPayTenAndFivePercentOfA199YuanOrder() {
        CommissionPlan plan = scheme.commissions(defaults, paid(line("tea", 1, 19_900)), UPLINE);

        assertThat(plan.splits()).containsExactly(
                split(1, "alice", 1_990, "L1 10% of 199.00 CNY"),
                split(2, "bob", 995, "L2 5% of 199.00 CNY"));
        assertThat(plan.frozenPeriod()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void onlyLevelsPresentInTheUplineArePaid() {
        CommissionPlan plan = scheme.commissions(defaults, paid(line("tea", 1, 19_900)), List.of("alice"));

        assertThat(plan.splits()).extracting(CommissionSplit::beneficiaryId).containsExactly("alice");
        assertThat(scheme.commissions(defaults, paid(line("tea", 1, 19_900)), List.of()).splits()).isEmpty();
    }

    @Test
    void ratesRoundTowardZeroPerLineAndSumPerLevel() {
        // 10% of 9.99 = 0.999 → 0.99 and of 0.05 = 0.005 → 0.00; 5% of 9.99 = 0.4995 → 0.49
        CommissionPlan plan = scheme.commissions(defaults, paid(line("a", 1, 999), line("b", 1, 5)), UPLINE);

        assertThat(plan.splits()).extracting(s -> s.amount().minor()).containsExactly(99L, 49L);
        assertThat(plan.splits().getFirst().reason()).isEqualTo("L1 10% of 10.04 CNY");
    }

    @Test
    void excludedTagsEarnNothing() {
        CommissionPlan plan = scheme.commissions(defaults,
                paid(line("tea", 1, 19_900), line("promo", 1, 5_000, "flash-sale", "new")), UPLINE);

        assertThat(plan.splits()).extracting(s -> s.amount().minor()).containsExactly(1_990L, 995L);
    }

    @Test
    void orderOfOnlyExcludedLinesHasNoCommission() {
        var ctx = defaults.withConfig(Map.of("excludedTags", List.of("member-card")));

        CommissionPlan plan = scheme.commissions(ctx, paid(line("card", 1, 9_900, "member-card")), UPLINE);

        assertThat(plan.splits()).isEmpty();
    }

    @Test
    void skuOverridePaysFixedAmountPerUnitInsteadOfTheRate() {
        var ctx = defaults.withConfig(Map.of("skuOverrides", Map.of("wine", List.of(1_500, 300))));

        CommissionPlan plan = scheme.commissions(ctx, paid(line("tea", 1, 19_900), line("wine", 3, 60_000)), UPLINE);

        // L1: 10% of 199.00 + 3 × 15.00; L2: 5% of 199.00 + 3 × 3.00
        assertThat(plan.splits()).containsExactly(
                split(1, "alice", 1_990 + 4_500, "L1 10% of 199.00 CNY + fixed 45.00 CNY"),
                split(2, "bob", 995 + 900, "L2 5% of 199.00 CNY + fixed 9.00 CNY"));
    }

    @Test
    void overrideShorterThanTheRatesPaysNothingAtDeeperLevels() {
        var ctx = defaults.withConfig(Map.of("skuOverrides", Map.of("wine", List.of(1_500))));

        CommissionPlan plan = scheme.commissions(ctx, paid(line("wine", 2, 60_000)), UPLINE);

        assertThat(plan.splits()).containsExactly(split(1, "alice", 3_000, "L1 fixed 30.00 CNY"));
    }

    @Test
    void overrideLongerThanTheRatesReachesADeeperLevel() {
        var ctx = defaults.withConfig(Map.of("skuOverrides", Map.of("wine", List.of(1_500, 300, 100))));

        CommissionPlan plan = scheme.commissions(ctx, paid(line("wine", 1, 60_000), line("tea", 1, 19_900)), UPLINE);

        assertThat(plan.splits()).extracting(CommissionSplit::level, s -> s.amount().minor())
                .containsExactly(
                        tuple(1, 3_490L),
                        tuple(2, 1_295L),
                        tuple(3, 100L));
        assertThat(plan.splits().get(2).reason()).isEqualTo("L3 fixed 1.00 CNY");
    }

    @Test
    void selfPurchaseRatePaysTheBuyerAtLevelZero() {
        var ctx = defaults.withConfig(Map.of("selfPurchaseBps", 200, "frozenDays", 15));

        CommissionPlan plan = scheme.commissions(ctx, paid(line("tea", 1, 19_900), line("promo", 1, 1_000, "flash-sale")), UPLINE);

        assertThat(plan.splits().getFirst()).isEqualTo(split(0, "buyer", 398, "self-purchase 2% of 199.00 CNY"));
        assertThat(plan.splits()).hasSize(3);
        assertThat(plan.frozenPeriod()).isEqualTo(Duration.ofDays(15));
    }

    @Test
    void zeroRateLevelsAreSkipped() {
        var ctx = defaults.withConfig(Map.of("levelRatesBps", List.of(0, 800)));

        CommissionPlan plan = scheme.commissions(ctx, paid(line("tea", 1, 10_000)), UPLINE);

        assertThat(plan.splits()).containsExactly(split(2, "bob", 800, "L2 8% of 100.00 CNY"));
    }

    @Test
    void eventsOtherThanPaidEarnNoCommission() {
        assertThat(scheme.commissions(defaults, event(OrderEventType.COMPLETED, line("tea", 1, 19_900)), UPLINE))
                .isEqualTo(CommissionPlan.none());
    }

    @Test
    void invalidConfigurationRefusesToPay() {
        var ctx = defaults.withConfig(Map.of("levelRatesBps", List.of(8_000, 4_000)));

        assertThatThrownBy(() -> scheme.commissions(ctx, paid(line("tea", 1, 19_900)), UPLINE))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.code()).isEqualTo("CONFIG_INVALID");
                    assertThat(e.getMessage()).startsWith("$.levelRatesBps: ");
                });
    }
}
