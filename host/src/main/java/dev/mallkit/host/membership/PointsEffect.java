package dev.mallkit.host.membership;

import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.membership.MemberBenefits;
import dev.mallkit.api.membership.MembershipDecision;
import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.host.order.OrderContext;
import dev.mallkit.host.order.OrderEffect;
import dev.mallkit.host.store.Bound;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@code points} of an order event. PAID and COMPLETED ask the store's {@link MembershipProgram}
 * (benefits, then onOrder) and record its decision; REFUNDED reverses what the order earned in proportion,
 * whether or not the store still runs a program, because the ledger belongs to the host.
 *
 * <p>A reversal takes back only what the balance holds: when the member already spent the points, the
 * shortfall is recorded as {@code debt} on the same REVERSAL entry and the member's next awards settle it
 * first (DEBT_SETTLED entries). The balance never goes negative.
 */
final class PointsEffect implements OrderEffect {

    @Override
    public String key() {
        return "points";
    }

    @Override
    public Object apply(Connection c, OrderContext order) throws SQLException {
        Optional<Bound<MembershipProgram>> program = order.snapshot().exclusive(MembershipProgram.class);
        if (order.event().type() == OrderEventType.REFUNDED) {
            return reverse(c, order, program.orElse(null));
        }
        if (program.isEmpty()) {
            return new JsonObject().putNull("program");
        }
        return earn(c, order, program.get());
    }

    private static JsonObject earn(Connection c, OrderContext order, Bound<MembershipProgram> program) throws SQLException {
        OrderEvent event = order.event();
        LockedMember member = LockedMember.lock(c, order.storeId(), event.memberId(), order.receivedAt(), order.memberFirstSeen());
        var before = member.state();
        MemberBenefits tierBefore = program.call((p, ctx) -> p.benefits(ctx, before));
        MembershipDecision decision = program.call((p, ctx) -> p.onOrder(ctx, event, before));
        if (tierBefore == null || decision == null) {
            throw InvalidDecision.of("benefits and onOrder must not return null");
        }
        if (decision.points() > 0 || decision.growth() > 0) {
            member.append(new LedgerEntry(EntryKind.AWARD, event.orderId(), decision.points(), decision.growth(), 0,
                    decision.pointsExpireAt(), null, null, program.pluginId(), event.type() + ": " + decision.reason()));
        }
        long settled = Math.min(member.balance().debt(), decision.points());
        if (settled > 0) {
            member.append(new LedgerEntry(EntryKind.DEBT_SETTLED, event.orderId(), -settled, 0, -settled, null, null, null,
                    null, "settles points spent before a refund reversed them"));
        }
        member.setAttributes(decision.attributes());
        var after = member.state();
        MemberBenefits tierAfter = program.call((p, ctx) -> p.benefits(ctx, after));
        member.recordTierChange(tierBefore, tierAfter, event.orderId(), program.pluginId());
        return totals(program.pluginId(), member, tierBefore, tierAfter)
                .put("awarded", decision.points())
                .put("growth", decision.growth())
                .put("expiresAt", decision.pointsExpireAt() == null || decision.points() == 0 ? null : decision.pointsExpireAt().toString())
                .put("debtSettled", settled)
                .put("reason", decision.reason());
    }

    private static JsonObject reverse(Connection c, OrderContext order, Bound<MembershipProgram> program) throws SQLException {
        OrderEvent event = order.event();
        OrderEarnings earnings = OrderEarnings.of(MemberLedger.ofOrder(c, order.storeId(), event.memberId(), event.orderId()));
        long refundedTotal = order.refunded().minor() + event.amount().minor();
        long points = earnings.pointsToReverse(refundedTotal, order.paid().minor());
        long growth = earnings.growthToReverse(refundedTotal, order.paid().minor());
        LockedMember member = LockedMember.lock(c, order.storeId(), event.memberId(), order.receivedAt(), order.memberFirstSeen());
        MemberBenefits tierBefore = program == null ? null : program.call((p, ctx) -> p.benefits(ctx, member.state()));
        long taken = Math.min(points, member.balance().points());
        long shortfall = points - taken;
        long growthTaken = Math.min(growth, member.balance().growth());
        if (points > 0 || growthTaken > 0) {
            member.append(new LedgerEntry(EntryKind.REVERSAL, event.orderId(), -taken, -growthTaken, shortfall, null, null, null, null,
                    "refund of " + refundedTotal + "/" + order.paid().minor() + " " + order.paid().currency()
                            + (shortfall > 0 ? "; " + shortfall + " points already spent became debt" : "")));
        }
        String pluginId = program == null ? null : program.pluginId();
        MemberBenefits tierAfter = tierBefore;
        if (program != null) {
            tierAfter = program.call((p, ctx) -> p.benefits(ctx, member.state()));
            member.recordTierChange(tierBefore, tierAfter, event.orderId(), pluginId);
        }
        return totals(pluginId, member, tierBefore, tierAfter)
                .put("reversed", points)
                .put("growthReversed", growthTaken)
                .put("shortfall", shortfall);
    }

    /** The fields every points result has: the program and the member's totals and tier after the event. */
    private static JsonObject totals(String pluginId, LockedMember member, MemberBenefits before, MemberBenefits after) {
        return new JsonObject()
                .put("program", pluginId)
                .put("balance", member.balance().points())
                .put("totalGrowth", member.balance().growth())
                .put("debt", member.balance().debt())
                .put("tier", after == null ? null : after.tier())
                .put("tierName", after == null ? null : after.tierName())
                .put("previousTier", before == null ? null : before.tier());
    }
}
