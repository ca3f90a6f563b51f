package dev.mallkit.bench;

import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.membership.MemberBenefits;
import dev.mallkit.api.membership.MemberState;
import dev.mallkit.api.membership.MembershipDecision;
import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.api.membership.RedemptionDecision;
import dev.mallkit.api.membership.RedemptionRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The logic of {@code plugins/js-membership-example/src/main/js/index.mjs}'s {@code onOrder}, line for
 * line in Java, so a JavaScript extension call can be compared with the same work done in Java.
 * Only {@code onOrder} is benchmarked; the other methods are not needed.
 */
final class JavaMirrorProgram implements MembershipProgram {
    private record Tier(String tier, long minGrowth, long pointsMultiplier) {
    }

    private static final List<Tier> TIERS = List.of(new Tier("gold", 10_000, 15_000), new Tier("silver", 2_000, 12_000),
            new Tier("none", 0, 10_000));

    private static Tier tierOf(long growth) {
        return TIERS.stream().filter(t -> growth >= t.minGrowth()).findFirst().orElseThrow();
    }

    @Override
    public MembershipDecision onOrder(PluginContext ctx, OrderEvent event, MemberState member) {
        if (event.type() != OrderEventType.PAID) {
            return MembershipDecision.nothing("only paid orders earn");
        }
        long yuan = event.amount().minor() / 100;
        Tier tier = tierOf(member.growth());
        long points = yuan * ctx.config().getLong("pointsPerYuan", 1) * tier.pointsMultiplier() / 10_000;
        Instant expireAt = ctx.clock().instant().plus(Duration.ofDays(ctx.config().getLong("expiryDays", 365)));
        return new MembershipDecision(points, yuan, expireAt, Map.of("tier", tierOf(member.growth() + yuan).tier()),
                yuan + " yuan x " + tier.pointsMultiplier() / 10_000.0 + " (" + tier.tier() + ")");
    }

    @Override
    public MemberBenefits benefits(PluginContext ctx, MemberState member) {
        throw new UnsupportedOperationException("not benchmarked");
    }

    @Override
    public RedemptionDecision redeem(PluginContext ctx, MemberState member, RedemptionRequest request) {
        throw new UnsupportedOperationException("not benchmarked");
    }
}
