package dev.mallkit.plugins.membershippaidcard;

import dev.mallkit.api.BasisPoints;
import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderLine;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * A paid member card. Buying an order line tagged {@code cardTag} extends the buyer's card by
 * {@code cardValidityDays} per unit, from the end of a running card or from now; holders earn points
 * with a multiplier and see a member-price discount until the card runs out.
 *
 * <p>The order that buys a card earns points as the member stood before it (the host passes the
 * state before the event), so the card's multiplier applies from the next order on.
 */
@Extension
public final class PaidCardProgram implements MembershipProgram {
    static final MemberBenefits NO_CARD = new MemberBenefits("none", "No card", new BasisPoints(0), new BasisPoints(BasisPoints.ONE), List.of());

    @Override
    public MembershipDecision onOrder(PluginContext ctx, OrderEvent event, MemberState member) {
        return switch (event.type()) {
            case PAID -> paid(ctx, event, member);
            case COMPLETED -> MembershipDecision.nothing("points and growth were awarded when the order was paid");
            case REFUNDED -> MembershipDecision.nothing("the host reverses refunded earnings itself");
        };
    }

    private MembershipDecision paid(PluginContext ctx, OrderEvent event, MemberState member) {
        PaidCardConfig config = PaidCardConfig.read(ctx.config());
        Instant now = ctx.clock().instant();
        CardValidity card = CardValidity.of(member);
        boolean holder = card.isValidAt(now);
        BasisPoints multiplier = holder ? config.pointsMultiplier() : new BasisPoints(BasisPoints.ONE);

        long base = Math.multiplyExact(event.amount().minor(), (long) config.pointsPerYuan()) / 100;
        long points = multiplier.applyTo(base);
        Instant expireAt = config.pointsValidityDays() == 0 ? null : event.occurredAt().plus(Duration.ofDays(config.pointsValidityDays()));

        List<String> reason = new ArrayList<>();
        reason.add(config.pointsPerYuan() + " pt per yuan " + Display.factor(multiplier) + (holder ? " (card holder)" : ""));
        Map<String, String> attributes = Map.of();
        long cards = event.lines().stream().filter(line -> line.hasTag(config.cardTag())).mapToLong(OrderLine::quantity).sum();
        if (cards > 0) {
            CardValidity extended = card.extendedBy(now, Math.multiplyExact(cards, (long) config.cardValidityDays()));
            attributes = Map.of(CardValidity.ATTRIBUTE, extended.attributeValue());
            reason.add("card valid until " + extended.attributeValue());
        }
        return new MembershipDecision(points, event.amount().minor(), expireAt, attributes, String.join("; ", reason));
    }

    @Override
    public MemberBenefits benefits(PluginContext ctx, MemberState member) {
        CardValidity card = CardValidity.of(member);
        if (!card.isValidAt(ctx.clock().instant())) {
            return NO_CARD;
        }
        PaidCardConfig config = PaidCardConfig.read(ctx.config());
        return new MemberBenefits("card", config.cardName(), config.memberDiscount(), config.pointsMultiplier(), List.of(
                "member price −" + Display.percent(config.memberDiscount()),
                "points " + Display.factor(config.pointsMultiplier()),
                card.permanent() ? "permanent card" : "valid until " + card.validUntil()));
    }

    @Override
    public RedemptionDecision redeem(PluginContext ctx, MemberState member, RedemptionRequest request) {
        return PaidCardConfig.read(ctx.config()).redemption().decide(request);
    }

    /** The schema bounds every option; this catches what still cannot be read, e.g. a blank tag. */
    @Override
    public List<ConfigProblem> validate(PluginConfig config) {
        try {
            PaidCardConfig.read(config);
            return List.of();
        } catch (PluginException e) {
            return List.of(new ConfigProblem("$", e.getMessage()));
        }
    }
}
