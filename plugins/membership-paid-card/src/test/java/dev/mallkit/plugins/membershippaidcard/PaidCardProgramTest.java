package dev.mallkit.plugins.membershippaidcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.OrderLine;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.membership.MemberState;
import dev.mallkit.api.membership.MembershipDecision;
import dev.mallkit.api.membership.RedemptionRequest;
import dev.mallkit.testkit.TestContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaidCardProgramTest {
    private static final Instant JAN_1 = TestContext.EPOCH;
    private static final Instant MAR_1 = Instant.parse("2026-03-01T00:00:00Z");

    private final PaidCardProgram program = new PaidCardProgram();
    private final TestContext ctx = TestContext.forStore("s1");

    private static MemberState member(String validUntil) {
        Map<String, String> attributes = validUntil == null ? Map.of() : Map.of("card.validUntil", validUntil);
        return new MemberState("m1", 0, 0, JAN_1, attributes);
    }

    private static OrderEvent paid(OrderLine... lines) {
        Money total = Money.zero("CNY");
        for (OrderLine line : lines) {
            total = total.plus(line.amount());
        }
        return new OrderEvent("o1", OrderEventType.PAID, 1, "m1", total, List.of(lines), JAN_1);
    }

    private static OrderLine line(String sku, int quantity, long minor, String... tags) {
        return new OrderLine(sku, quantity, Money.of(minor, "CNY"), Set.of(tags));
    }

    @Test
    void buyingACardSetsValidityAYearFromNowAndEarnsBasePoints() {
        MembershipDecision decision = program.onOrder(ctx, paid(line("card", 1, 9_900, "member-card")), member(null));

        assertThat(decision.attributes()).containsExactly(Map.entry("card.validUntil", "2027-01-01T00:00:00Z"));
        assertThat(decision.points()).isEqualTo(99);
        assertThat(decision.growth()).isEqualTo(9_900);
        assertThat(decision.reason()).isEqualTo("1 pt per yuan ×1; card valid until 2027-01-01T00:00:00Z");
    }

    @Test
    void renewingARunningCardExtendsFromItsEndNotFromNow() {
        MembershipDecision decision = program.onOrder(ctx.at(MAR_1), paid(line("card", 1, 9_900, "member-card")), member("2026-06-01T00:00:00Z"));

        assertThat(decision.attributes()).containsEntry("card.validUntil", "2027-06-01T00:00:00Z");
    }

    @Test
    void renewingAnExpiredCardRestartsFromNow() {
        MembershipDecision decision = program.onOrder(ctx.at(MAR_1), paid(line("card", 1, 9_900, "member-card")), member("2026-02-01T00:00:00Z"));

        assertThat(decision.attributes()).containsEntry("card.validUntil", "2027-03-01T00:00:00Z");
    }

    @Test
    void eachCardUnitAddsItsValidity() {
        var monthly = ctx.withConfig(Map.of("cardValidityDays", 30));

        // 3 × 30 days from Jan 1
        MembershipDecision decision = program.onOrder(monthly, paid(line("card", 3, 2_970, "member-card")), member(null));

        assertThat(decision.attributes()).containsEntry("card.validUntil", "2026-04-01T00:00:00Z");
    }

    @Test
    void zeroValidityDaysSellsAPermanentCardThatNeverExpires() {
        var permanent = ctx.withConfig(Map.of("cardValidityDays", 0));

        MembershipDecision decision = program.onOrder(permanent, paid(line("card", 1, 29_900, "member-card")), member("2026-06-01T00:00:00Z"));

        assertThat(decision.attributes()).containsEntry("card.validUntil", "permanent");
        var benefits = program.benefits(permanent.at(Instant.parse("2099-01-01T00:00:00Z")), member("permanent"));
        assertThat(benefits.tier()).isEqualTo("card");
        assertThat(benefits.perks()).contains("permanent card");
    }

    @Test
    void holderEarnsMultipliedPointsAndOrdersWithoutACardLeaveValidityAlone() {
        var custom = ctx.withConfig(Map.of("pointsPerYuan", 3, "pointsMultiplierBps", 15_000));

        MembershipDecision decision = program.onOrder(custom, paid(line("tea", 2, 19_900)), member("2026-06-01T00:00:00Z"));

        // floor(199.00 × 3) = 597, × 1.5 = 895.5 → 895
        assertThat(decision.points()).isEqualTo(895);
        assertThat(decision.attributes()).isEmpty();
        assertThat(decision.reason()).isEqualTo("3 pt per yuan ×1.5 (card holder)");
    }

    @Test
    void holderGetsDiscountAndMultiplierUntilTheCardExpires() {
        var holder = member("2026-06-01T00:00:00Z");

        var before = program.benefits(ctx.at(Instant.parse("2026-05-31T23:59:59Z")), holder);
        assertThat(before.tier()).isEqualTo("card");
        assertThat(before.tierName()).isEqualTo("Paid member");
        assertThat(before.discount().value()).isEqualTo(500);
        assertThat(before.pointsMultiplier().value()).isEqualTo(20_000);
        assertThat(before.perks()).containsExactly("member price −5%", "points ×2", "valid until 2026-06-01T00:00:00Z");

        var after = program.benefits(ctx.at(Instant.parse("2026-06-01T00:00:00Z")), holder);
        assertThat(after.tier()).isEqualTo("none");
        assertThat(after.discount().value()).isZero();
    }

    @Test
    void expiredCardEarnsOnlyBasePoints() {
        MembershipDecision decision = program.onOrder(ctx.at(Instant.parse("2026-07-01T00:00:00Z")),
                paid(line("tea", 1, 10_000)), member("2026-06-01T00:00:00Z"));

        assertThat(decision.points()).isEqualTo(100);
    }

    @Test
    void cardLineIsRecognisedByTheConfiguredTag() {
        var vip = ctx.withConfig(Map.of("cardTag", "vip-pass"));

        assertThat(program.onOrder(vip, paid(line("card", 1, 9_900, "member-card")), member(null)).attributes()).isEmpty();
        assertThat(program.onOrder(vip, paid(line("pass", 1, 9_900, "vip-pass")), member(null)).attributes())
                .containsKey("card.validUntil");
    }

    @Test
    void completedOrderAwardsNothing() {
        var completed = new OrderEvent("o1", OrderEventType.COMPLETED, 1, "m1", Money.of(9_900, "CNY"), List.of(), JAN_1);

        MembershipDecision decision = program.onOrder(ctx, completed, member(null));

        assertThat(decision.points()).isZero();
        assertThat(decision.attributes()).isEmpty();
    }

    @Test
    void redemptionUsesItsOwnValueAndCap() {
        var custom = ctx.withConfig(Map.of("pointValueMinor", 2, "redeemCapBps", 2_000));

        // 20% of 199.00 = 39.80 CNY = 3980 minor → 1990 points at 0.02 each
        var decision = program.redeem(custom, member(null), new RedemptionRequest("o1", 5_000, Money.of(19_900, "CNY")));

        assertThat(decision.points()).isEqualTo(1_990);
        assertThat(decision.value()).isEqualTo(Money.of(3_980, "CNY"));
        assertThat(decision.reason()).isEqualTo("points may pay at most 20% of the order");
    }

    @Test
    void unreadableConfigurationIsReportedAndRefusedAtCallTime() {
        var blankTag = Map.of("cardTag", " ");

        assertThat(program.validate(PluginConfig.of(blankTag))).containsExactly(new ConfigProblem("$", "cardTag is blank"));
        assertThatThrownBy(() -> program.onOrder(ctx.withConfig(blankTag), paid(line("tea", 1, 100)), member(null)))
                .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.code()).isEqualTo("CONFIG_INVALID"));
    }
}
