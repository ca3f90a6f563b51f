package dev.mallkit.plugins.membershiptiers;

import dev.mallkit.api.BasisPoints;
import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.membership.MemberBenefits;
import dev.mallkit.api.membership.MemberState;
import dev.mallkit.api.membership.MembershipDecision;
import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.api.membership.RedemptionDecision;
import dev.mallkit.api.membership.RedemptionRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Tiers by growth: a PAID order earns {@code floor(yuan × pointsPerYuan)} points times the buyer's
 * tier multiplier, and growth equal to the amount paid. The tier is the one with the highest
 * {@code minGrowth} the member's growth has reached.
 */
@Extension
public final class MembershipTiersProgram implements MembershipProgram {
    static final MemberBenefits NO_TIER = new MemberBenefits("none", "No tier", new BasisPoints(0), new BasisPoints(BasisPoints.ONE), List.of());

    @Override
    public MembershipDecision onOrder(PluginContext ctx, OrderEvent event, MemberState member) {
        return switch (event.type()) {
            case PAID -> paid(ctx, event, member);
            case COMPLETED -> MembershipDecision.nothing("points and growth were awarded when the order was paid");
            case REFUNDED -> MembershipDecision.nothing("the host reverses refunded earnings itself");
        };
    }

    private MembershipDecision paid(PluginContext ctx, OrderEvent event, MemberState member) {
        TiersConfig config = TiersConfig.read(ctx.config());
        MemberBenefits tier = benefits(config, member);
        long points = earnedPoints(event.amount(), config.pointsPerYuan(), tier.pointsMultiplier());
        Instant expireAt = config.pointsValidityDays() == 0
                ? null
                : event.occurredAt().plus(Duration.ofDays(config.pointsValidityDays()));
        String reason = config.pointsPerYuan() + " pt per yuan " + Display.factor(tier.pointsMultiplier()) + " (" + tier.tier() + ")";
        return new MembershipDecision(points, event.amount().minor(), expireAt, Map.of(), reason);
    }

    /** @return {@code floor(minor × pointsPerYuan / 100)} points times {@code multiplier}, rounded down */
    static long earnedPoints(Money paid, int pointsPerYuan, BasisPoints multiplier) {
        long base = Math.multiplyExact(paid.minor(), (long) pointsPerYuan) / 100;
        return multiplier.applyTo(base);
    }

    @Override
    public MemberBenefits benefits(PluginContext ctx, MemberState member) {
        return benefits(TiersConfig.read(ctx.config()), member);
    }

    private static MemberBenefits benefits(TiersConfig config, MemberState member) {
        return config.tiers().stream()
                .filter(tier -> tier.minGrowth() <= member.growth())
                .max(Comparator.comparingLong(Tier::minGrowth))
                .map(MembershipTiersProgram::benefitsOf)
                .orElse(NO_TIER);
    }

    private static MemberBenefits benefitsOf(Tier tier) {
        var discount = BasisPoints.of(tier.discountBps());
        var multiplier = BasisPoints.multiplier(tier.pointsMultiplierBps());
        return new MemberBenefits(tier.code(), tier.name(), discount, multiplier,
                List.of("member price −" + Display.percent(discount), "points " + Display.factor(multiplier)));
    }

    @Override
    public RedemptionDecision redeem(PluginContext ctx, MemberState member, RedemptionRequest request) {
        TiersConfig config = TiersConfig.read(ctx.config());
        return new Redemption(config.pointValueMinor(), BasisPoints.of(config.redeemCapBps()), config.currency()).decide(request);
    }

    @Override
    public List<ConfigProblem> validate(PluginConfig config) {
        List<ConfigProblem> problems = TiersConfig.problems(config);
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            TiersConfig.read(config);
            return List.of();
        } catch (PluginException e) {
            return List.of(new ConfigProblem("$", e.getMessage()));
        }
    }
}
