package dev.mallkit.host.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallkit.api.BasisPoints;
import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.OrderLine;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.distribution.BindingRequest;
import dev.mallkit.api.distribution.CommissionLimits;
import dev.mallkit.api.distribution.CommissionPlan;
import dev.mallkit.api.distribution.CommissionSplit;
import dev.mallkit.api.distribution.CurrentBinding;
import dev.mallkit.api.distribution.DistributionScheme;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.JumpTargetType;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.api.membership.MemberBenefits;
import dev.mallkit.api.membership.MemberState;
import dev.mallkit.api.membership.MembershipDecision;
import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.api.membership.RedemptionDecision;
import dev.mallkit.api.membership.RedemptionRequest;
import dev.mallkit.host.Mallkit;
import dev.mallkit.host.runtime.LoadedPlugin;
import dev.mallkit.testkit.Conformance;
import dev.mallkit.testkit.TestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The first-party JavaScript examples under plugins/, loaded from their sources, give the worked decisions. */
class JsExamplePluginsTest {

    private static final Instant NOW = TestContext.EPOCH;
    private static JsEngine engine;
    private static JsPlugin membership;
    private static JsPlugin distribution;
    private static JsPlugin liveJump;

    @BeforeAll
    static void load() {
        engine = JsTestPackages.engine();
        JsPluginLoader loader = new JsPluginLoader(Mallkit.standardPoints(), engine);
        membership = loader.load(example("js-membership-example"));
        distribution = loader.load(example("js-distribution-example"));
        liveJump = loader.load(example("js-live-jump-example"));
    }

    @AfterAll
    static void close() {
        List.of(membership, distribution, liveJump).forEach(JsPlugin::close);
        engine.close();
    }

    static Path example(String module) {
        return Path.of("..", "plugins", module, "src", "main", "js");
    }

    @Test
    void everyJavaScriptExamplePassesTheConformanceKitTheJavaPluginsPass() {
        // the same kit the marketplace runs on Java submissions, with the JavaScript tier's time budget
        Duration budget = Duration.ofSeconds(1);
        Conformance.check(membership.extension(MembershipProgram.class).orElseThrow(), PluginConfig.empty(), budget).assertPassed();
        Conformance.check(distribution.extension(DistributionScheme.class).orElseThrow(), PluginConfig.empty(), budget).assertPassed();
        Conformance.check(liveJump.extension(LiveJumpProvider.class).orElseThrow(),
                PluginConfig.of(Map.of("appid", "wx0123456789abcdef")), budget).assertPassed();
    }

    @Test
    void examplesLoadAsJavaScriptTierWithTheirDescriptors() {
        assertThat(membership.tier()).isEqualTo(LoadedPlugin.Tier.JAVASCRIPT);
        assertThat(membership.descriptor().id()).isEqualTo("js-membership-example");
        assertThat(distribution.descriptor().extensionPoints()).containsExactly("DistributionScheme");
        assertThat(liveJump.sha256()).hasSize(64);
        assertThat(membership.extension(DistributionScheme.class)).isEmpty();
    }

    @Test
    void silverMemberEarnsPointsTimesTierMultiplierWithExpiry() {
        MembershipProgram program = membership.extension(MembershipProgram.class).orElseThrow();
        MemberState silver = new MemberState("m1", 0, 2500, NOW, Map.of());
        // 199.99 CNY -> 199 yuan -> 199 x 1.2 = 238.8 -> 238 points, growth 199
        MembershipDecision decision = program.onOrder(TestContext.forStore("s1"), paid(19_999), silver);
        assertThat(decision.points()).isEqualTo(238);
        assertThat(decision.growth()).isEqualTo(199);
        assertThat(decision.pointsExpireAt()).isEqualTo(NOW.plus(Duration.ofDays(365)));
        assertThat(decision.attributes()).containsEntry("tier", "silver");
        assertThat(decision.reason()).contains("silver");
    }

    @Test
    void configuredPointsPerYuanAndCompletedOrdersEarnNothing() {
        MembershipProgram program = membership.extension(MembershipProgram.class).orElseThrow();
        MemberState none = new MemberState("m1", 0, 0, NOW, Map.of());
        TestContext ctx = TestContext.forStore("s1").withConfig(Map.of("pointsPerYuan", 3));
        assertThat(program.onOrder(ctx, paid(10_050), none).points()).isEqualTo(300);
        OrderEvent completed = new OrderEvent("o1", OrderEventType.COMPLETED, 1, "m1", Money.of(10_050, "CNY"), List.of(), NOW);
        assertThat(program.onOrder(ctx, completed, none).points()).isZero();
    }

    @Test
    void goldBenefitsAndRedemptionCappedAtHalfTheOrder() {
        MembershipProgram program = membership.extension(MembershipProgram.class).orElseThrow();
        MemberState gold = new MemberState("m1", 20_000, 12_000, NOW, Map.of());
        MemberBenefits benefits = program.benefits(TestContext.forStore("s1"), gold);
        assertThat(benefits.tier()).isEqualTo("gold");
        assertThat(benefits.discount()).isEqualTo(BasisPoints.of(500));
        assertThat(benefits.pointsMultiplier()).isEqualTo(BasisPoints.multiplier(15_000));
        assertThat(benefits.perks()).contains("free shipping");

        // asks 15000 points on a 199.99 order: at most 9999 fen (50%), 1 point = 1 fen
        RedemptionDecision capped = program.redeem(TestContext.forStore("s1"), gold, new RedemptionRequest("o1", 15_000, Money.of(19_999, "CNY")));
        assertThat(capped.points()).isEqualTo(9_999);
        assertThat(capped.value()).isEqualTo(Money.of(9_999, "CNY"));
        assertThat(capped.reason()).contains("share of the order");
    }

    @Test
    void membershipValidateReportsNonIntegerPointValue() {
        MembershipProgram program = membership.extension(MembershipProgram.class).orElseThrow();
        assertThat(program.validate(PluginConfig.of(Map.of("pointValueMinor", 1.5))))
                .containsExactly(new ConfigProblem("$.pointValueMinor", "must be a positive integer number of minor units"));
        assertThat(program.validate(PluginConfig.of(Map.of("pointValueMinor", 2)))).isEmpty();
    }

    @Test
    void commissionsPayEachLevelItsRateRoundedDownAfterFrozenPeriod() {
        DistributionScheme scheme = distribution.extension(DistributionScheme.class).orElseThrow();
        // 199.99 CNY: L1 10% = 1999.9 -> 1999 fen, L2 5% = 999.95 -> 999 fen; a third ancestor earns nothing
        CommissionPlan plan = scheme.commissions(TestContext.forStore("s1"), paid(19_999), List.of("a", "b", "c"));
        assertThat(plan.splits()).containsExactly(
                new CommissionSplit(1, "a", Money.of(1_999, "CNY"), "L1 10% of 199.99"),
                new CommissionSplit(2, "b", Money.of(999, "CNY"), "L2 5% of 199.99"));
        assertThat(plan.frozenPeriod()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void bindingIsFirstTouchUnlessConfiguredLastTouch() {
        DistributionScheme scheme = distribution.extension(DistributionScheme.class).orElseThrow();
        CurrentBinding existing = new CurrentBinding("r0", "share-link", NOW.minusSeconds(60));
        BindingRequest fresh = new BindingRequest("m1", "r1", "share-link", NOW, NOW, null);
        BindingRequest rebind = new BindingRequest("m1", "r1", "live-room", NOW, NOW.minusSeconds(3600), existing);
        TestContext ctx = TestContext.forStore("s1");
        assertThat(scheme.bind(ctx, fresh).bind()).isTrue();
        assertThat(scheme.bind(ctx, rebind).reason()).isEqualTo("FIRST_TOUCH_KEEPS_EXISTING");
        assertThat(scheme.bind(ctx.withConfig(Map.of("binding", "last-touch")), rebind).bind()).isTrue();
    }

    @Test
    void limitsAndValidateFollowTheConfiguredRates() {
        DistributionScheme scheme = distribution.extension(DistributionScheme.class).orElseThrow();
        assertThat(scheme.limits(PluginConfig.of(Map.of("rates", List.of(1500, 500, 100)))))
                .isEqualTo(new CommissionLimits(3, BasisPoints.of(2_100)));
        assertThat(scheme.validate(PluginConfig.of(Map.of("rates", List.of(9000, 2000)))))
                .extracting(ConfigProblem::path).containsExactly("$.rates");
    }

    @Test
    void liveJumpOffersPageAndAcquisitionLinkCarryingTheToken() {
        LiveJumpProvider provider = liveJump.extension(LiveJumpProvider.class).orElseThrow();
        TestContext ctx = TestContext.forStore("s1").withConfig(Map.of(
                "appid", "wx0123456789abcdef", "acquisitionUrl", "https://work.weixin.qq.com/ca/abc"));
        List<JumpTarget> targets = provider.targets(ctx, JsTestPackages.REQUEST);
        assertThat(targets).extracting(JumpTarget::type)
                .containsExactly(JumpTargetType.MINI_PROGRAM_PAGE, JumpTargetType.WECOM_ACQUISITION_LINK);
        assertThat(targets.getFirst().attributes()).containsEntry("query", "t=Tok123").containsEntry("appid", "wx0123456789abcdef");
        assertThat(targets.get(1).attributes().get("customerChannel")).isEqualTo("mkTok123");
        assertThat(targets.get(1).labels()).contains("live:interested", "live:room:room1", "wecom:lead");
    }

    private static OrderEvent paid(long minor) {
        OrderLine line = new OrderLine("sku1", 1, Money.of(minor, "CNY"), Set.of("flash-sale"));
        return new OrderEvent("o1", OrderEventType.PAID, 1, "m1", Money.of(minor, "CNY"), List.of(line), NOW);
    }
}
