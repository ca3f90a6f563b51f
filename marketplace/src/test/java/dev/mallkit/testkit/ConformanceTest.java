package dev.mallkit.testkit;

import dev.mallkit.api.BasisPoints;
import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.distribution.BindingDecision;
import dev.mallkit.api.distribution.BindingRequest;
import dev.mallkit.api.distribution.CommissionLimits;
import dev.mallkit.api.distribution.CommissionPlan;
import dev.mallkit.api.distribution.CommissionSplit;
import dev.mallkit.api.distribution.DistributionScheme;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.JumpTargetType;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.api.membership.MemberBenefits;
import dev.mallkit.api.membership.MemberState;
import dev.mallkit.api.membership.MembershipDecision;
import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.api.membership.RedemptionDecision;
import dev.mallkit.api.membership.RedemptionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConformanceTest {
    /** A well-behaved program: 1 point per yuan, redemption 100 points per yuan, capped by the order. */
    static class FairProgram implements MembershipProgram {
        @Override
        public MembershipDecision onOrder(PluginContext ctx, OrderEvent event, MemberState member) {
            long points = event.amount().minor() / 100;
            return new MembershipDecision(points, points, null, Map.of(), "1 pt per yuan");
        }

        @Override
        public MemberBenefits benefits(PluginContext ctx, MemberState member) {
            return new MemberBenefits("none", "Member", BasisPoints.of(0), BasisPoints.multiplier(10_000), List.of());
        }

        @Override
        public RedemptionDecision redeem(PluginContext ctx, MemberState member, RedemptionRequest request) {
            long points = Math.min(request.requestedPoints(), member.points());
            if (request.orderAmount() != null) {
                points = Math.min(points, request.orderAmount().minor());
            }
            return new RedemptionDecision(points, Money.of(points, "CNY"), "capped");
        }
    }

    /** Pays every upline 60 %, and a level that has no upline. */
    static class GreedyScheme implements DistributionScheme {
        @Override
        public BindingDecision bind(PluginContext ctx, BindingRequest request) {
            return BindingDecision.bind("ALWAYS");
        }

        @Override
        public CommissionPlan commissions(PluginContext ctx, OrderEvent event, List<String> upline) {
            List<CommissionSplit> splits = new ArrayList<>();
            Money share = event.amount().times(BasisPoints.of(6000));
            if (share.minor() > 0) {
                for (int level = 1; level <= 3; level++) {
                    String who = level <= upline.size() ? upline.get(level - 1) : "nobody";
                    splits.add(new CommissionSplit(level, who, share, "60%"));
                }
            }
            return new CommissionPlan(splits, Duration.ofDays(7));
        }

        @Override
        public CommissionLimits limits(PluginConfig config) {
            return new CommissionLimits(3, BasisPoints.of(10_000));
        }
    }

    /** Commissions drift with a counter; bindings are slow. */
    static class MoodyScheme extends GreedyScheme {
        private final AtomicLong calls = new AtomicLong();

        @Override
        public BindingDecision bind(PluginContext ctx, BindingRequest request) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return BindingDecision.refuse("SLOW");
        }

        @Override
        public CommissionPlan commissions(PluginContext ctx, OrderEvent event, List<String> upline) {
            long n = calls.incrementAndGet();
            return upline.isEmpty() || event.amount().minor() < 100 ? CommissionPlan.none()
                    : new CommissionPlan(List.of(new CommissionSplit(1, upline.getFirst(), Money.of(n, "CNY"), "drift")), Duration.ZERO);
        }
    }

    /** Offers the same target twice and throws for anonymous viewers. */
    static class SloppyJumps implements LiveJumpProvider {
        @Override
        public List<JumpTarget> targets(PluginContext ctx, JumpRequest request) {
            if (request.sharerId() == null) {
                throw new IllegalStateException("no sharer");
            }
            JumpTarget target = new JumpTarget("t1", JumpTargetType.SHOWCASE_PRODUCT, "Buy", Map.of(), List.of());
            return List.of(target, target);
        }
    }

    /** Takes points away on refund-like small orders, which MembershipDecision refuses. */
    static class NegativeProgram extends FairProgram {
        @Override
        public MembershipDecision onOrder(PluginContext ctx, OrderEvent event, MemberState member) {
            return new MembershipDecision(event.amount().minor() < 100 ? -1 : 0, 0, null, Map.of(), "penalty");
        }
    }

    @Test
    void negativePointsAreAnInvalidDecision() {
        assertThat(Conformance.check(new NegativeProgram()).violations()).extracting(Violation::code)
                .containsOnly("INVALID_DECISION");
    }

    @Test
    void wellBehavedProgramPasses() {
        ConformanceReport report = Conformance.check(new FairProgram());

        report.assertPassed();
        assertThat(report.extensionPoints()).containsExactly("MembershipProgram");
        assertThat(report.calls()).isGreaterThan(50);
    }

    @Test
    void greedySchemeBreaksOrderCapAndUplineInvariants() {
        ConformanceReport report = Conformance.check(new GreedyScheme());

        assertThat(report.violations()).extracting(Violation::code)
                .contains("COMMISSION_ABOVE_ORDER", "LEVEL_WITHOUT_UPLINE", "WRONG_BENEFICIARY")
                .doesNotContain("NONDETERMINISTIC", "OVER_BUDGET");
        assertThatThrownBy(report::assertPassed).isInstanceOf(AssertionError.class).hasMessageContaining("COMMISSION_ABOVE_ORDER");
    }

    @Test
    void driftingAndSlowSchemeIsNondeterministicAndOverBudget() {
        ConformanceReport report = Conformance.check(new MoodyScheme(), PluginConfig.empty(), Duration.ofMillis(100));

        assertThat(report.violations()).extracting(Violation::code).contains("NONDETERMINISTIC", "OVER_BUDGET");
    }

    @Test
    void duplicateTargetIdsAndExceptionsAreViolations() {
        ConformanceReport report = Conformance.check(new SloppyJumps());

        assertThat(report.violations()).extracting(Violation::code).containsExactlyInAnyOrder("UNEXPECTED_EXCEPTION", "DUPLICATE_TARGET_ID");
    }
}
