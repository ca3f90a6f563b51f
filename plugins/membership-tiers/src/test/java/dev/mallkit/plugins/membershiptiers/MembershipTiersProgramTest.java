package dev.mallkit.plugins.membershiptiers;

import static dev.mallkit.plugins.membershiptiers.Members.order;
import static dev.mallkit.plugins.membershiptiers.Members.withGrowth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.membership.MembershipDecision;
import dev.mallkit.api.membership.RedemptionDecision;
import dev.mallkit.api.membership.RedemptionRequest;
import dev.mallkit.testkit.TestContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MembershipTiersProgramTest {
    private final MembershipTiersProgram program = new MembershipTiersProgram();
    private final TestContext defaults = TestContext.forStore("s1");

    @Test
    void paidOrderEarnsFlooredPointsPerYuanAndGrowthEqualToAmount() {
        MembershipDecision decision = program.onOrder(defaults, order(OrderEventType.PAID, 19_950), withGrowth(0));

        assertThat(decision.points()).isEqualTo(199);
        assertThat(decision.growth()).isEqualTo(19_950);
        assertThat(decision.pointsExpireAt()).isNull();
        assertThat(decision.reason()).isEqualTo("1 pt per yuan ×1 (regular)");
    }

    @Test
    void goldMultiplierAppliesToPointsPerYuan() {
        var ctx = defaults.withConfig(Map.of("pointsPerYuan", 2));

        MembershipDecision decision = program.onOrder(ctx, order(OrderEventType.PAID, 19_900), withGrowth(600_000));

        // floor(199.00 × 2) = 398 points, × 1.5 for gold = 597
        assertThat(decision.points()).isEqualTo(597);
        assertThat(decision.reason()).isEqualTo("2 pt per yuan ×1.5 (gold)");
    }

    @Test
    void multiplierRoundsDown() {
        // 3 yuan = 3 points, × 1.2 for silver = 3.6 → 3
        assertThat(program.onOrder(defaults, order(OrderEventType.PAID, 300), withGrowth(100_000)).points()).isEqualTo(3);
    }

    @Test
    void completedOrderAwardsNothingAndSaysWhy() {
        MembershipDecision decision = program.onOrder(defaults, order(OrderEventType.COMPLETED, 19_900), withGrowth(0));

        assertThat(decision.points()).isZero();
        assertThat(decision.growth()).isZero();
        assertThat(decision.reason()).contains("awarded when the order was paid");
    }

    @Test
    void pointsExpireAfterValidityDaysFromTheOrder() {
        var ctx = defaults.withConfig(Map.of("pointsValidityDays", 365));

        MembershipDecision decision = program.onOrder(ctx, order(OrderEventType.PAID, 10_000), withGrowth(0));

        assertThat(decision.pointsExpireAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void tierIsTheHighestThresholdReached() {
        assertThat(program.benefits(defaults, withGrowth(99_999)).tier()).isEqualTo("regular");
        assertThat(program.benefits(defaults, withGrowth(100_000)).tier()).isEqualTo("silver");
        assertThat(program.benefits(defaults, withGrowth(499_999)).tier()).isEqualTo("silver");

        var gold = program.benefits(defaults, withGrowth(500_000));
        assertThat(gold.tier()).isEqualTo("gold");
        assertThat(gold.discount().value()).isEqualTo(500);
        assertThat(gold.pointsMultiplier().value()).isEqualTo(15_000);
        assertThat(gold.perks()).containsExactly("member price −5%", "points ×1.5");
    }

    @Test
    void memberBelowTheLowestThresholdHasNoTier() {
        var ctx = defaults.withConfig(Map.of("tiers", List.of(
                Map.of("code", "vip", "name", "VIP", "minGrowth", 1_000, "discountBps", 300, "pointsMultiplierBps", 20_000))));

        assertThat(program.benefits(ctx, withGrowth(999)).tier()).isEqualTo("none");
        assertThat(program.benefits(ctx, withGrowth(1_000)).tier()).isEqualTo("vip");
        // below every threshold the member earns at 1×
        assertThat(program.onOrder(ctx, order(OrderEventType.PAID, 500), withGrowth(999)).points()).isEqualTo(5);
    }

    @Test
    void redemptionIsCappedAtHalfTheOrderByDefault() {
        var request = new RedemptionRequest("o1", 15_000, Money.of(19_900, "CNY"));

        RedemptionDecision decision = program.redeem(defaults, withGrowth(0), request);

        // 50% of 199.00 = 99.50 CNY = 9950 points at 0.01 each
        assertThat(decision.points()).isEqualTo(9_950);
        assertThat(decision.value()).isEqualTo(Money.of(9_950, "CNY"));
        assertThat(decision.reason()).isEqualTo("points may pay at most 50% of the order");
    }

    @Test
    void redemptionUnderTheCapGrantsExactlyTheRequest() {
        var ctx = defaults.withConfig(Map.of("pointValueMinor", 5));
        var request = new RedemptionRequest("o1", 100, Money.of(19_900, "CNY"));

        RedemptionDecision decision = program.redeem(ctx, withGrowth(0), request);

        assertThat(decision.points()).isEqualTo(100);
        assertThat(decision.value()).isEqualTo(Money.of(500, "CNY"));
        assertThat(decision.reason()).isEmpty();
    }

    @Test
    void capRoundsDownToWholePoints() {
        // cap 10% of 99.99 = 9.99 → 999 minor; at 0.10 per point only 99 whole points fit
        var ctx = defaults.withConfig(Map.of("pointValueMinor", 10, "redeemCapBps", 1_000));

        RedemptionDecision decision = program.redeem(ctx, withGrowth(0), new RedemptionRequest("o1", 500, Money.of(9_999, "CNY")));

        assertThat(decision.points()).isEqualTo(99);
        assertThat(decision.value().minor()).isEqualTo(990);
    }

    @Test
    void redemptionWithoutOrderAmountUsesTheConfiguredCurrencyAndNoCap() {
        var ctx = defaults.withConfig(Map.of("currency", "HKD"));

        RedemptionDecision decision = program.redeem(ctx, withGrowth(0), new RedemptionRequest("o1", 50_000, null));

        assertThat(decision.points()).isEqualTo(50_000);
        assertThat(decision.value()).isEqualTo(Money.of(50_000, "HKD"));
    }
}
