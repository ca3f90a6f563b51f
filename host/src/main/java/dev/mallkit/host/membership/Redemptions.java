package dev.mallkit.host.membership;

import dev.mallkit.api.Money;
import dev.mallkit.api.membership.MemberState;
import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.api.membership.RedemptionDecision;
import dev.mallkit.api.membership.RedemptionRequest;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.store.Bound;
import dev.mallkit.host.store.FeatureMix;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;

/**
 * Redeems points against an order: the program decides how many points and what they are worth, then one
 * transaction locks the member, expires what is due, refuses with 409 {@code INSUFFICIENT_POINTS} when
 * the balance does not cover the debit, and appends it. One redemption per (store, member, order): a
 * repeat returns the first result; a repeat with other points or order amount is 409 {@code IDEMPOTENCY_MISMATCH}.
 *
 * <p>Result: {@code {orderId, points, amount, currency, balance, reason}}; {@code amount} is in minor units
 * of {@code currency}, like every amount of the HTTP contract.
 */
final class Redemptions {
    private final Database db;
    private final FeatureMix mix;
    private final Clock clock;

    Redemptions(Database db, FeatureMix mix, Clock clock) {
        this.db = db;
        this.mix = mix;
        this.clock = clock;
    }

    /** The result and whether it is a replay of an earlier redemption. */
    record Outcome(JsonObject body, boolean replay) {
    }

    /** Redeems on the calling thread, which must not be an event loop. */
    Outcome redeem(String storeId, String memberId, RedemptionInput input) throws Exception {
        RedemptionRequest request = input.request();
        MemberState state = db.inTransaction(c -> MemberReads.read(c, storeId, memberId)).state();
        Outcome first = db.inTransaction(c -> previous(c, storeId, memberId, input));
        if (first != null) {
            return first;
        }
        Bound<MembershipProgram> program = mix.snapshot(storeId).exclusive(MembershipProgram.class).orElseThrow(() ->
                new HostError(ErrorCode.NO_MEMBERSHIP_PROGRAM, "store " + storeId + " runs no membership program; enable one first"));
        // asked before the lock: the program only prices the points, the locked transaction checks the balance
        RedemptionDecision decision = program.call((p, ctx) -> p.redeem(ctx, state, request));
        check(decision, request);
        Instant now = clock.instant();
        return Retry.onDeadlock(() -> db.inTransaction(c -> {
            LockedMember member = LockedMember.lock(c, storeId, memberId, now);
            Outcome raced = previous(c, storeId, memberId, input);
            if (raced != null) {
                return raced;
            }
            PointsExpiry.expire(member, now);
            if (member.balance().points() < decision.points()) {
                throw new HostError(ErrorCode.INSUFFICIENT_POINTS, "member " + memberId + " has " + member.balance().points()
                        + " points; the redemption needs " + decision.points(),
                        new JsonArray().add(new JsonObject().put("balance", member.balance().points()).put("points", decision.points())));
            }
            if (decision.points() > 0) {
                member.append(LedgerEntry.points(EntryKind.REDEMPTION, request.orderId(), -decision.points(), program.pluginId(),
                        "pays " + decision.value().minor() + " " + decision.value().currency() + " of order " + request.orderId()));
            }
            JsonObject body = body(request.orderId(), decision.points(), decision.value(), member.balance().points(), decision.reason());
            insert(c, storeId, memberId, request, decision, member.balance().points(), now);
            return new Outcome(body, false);
        }));
    }

    private static void check(RedemptionDecision decision, RedemptionRequest request) {
        if (decision == null) {
            throw InvalidDecision.of("redeem must not return null");
        }
        if (decision.points() > request.requestedPoints()) {
            throw InvalidDecision.of("it granted " + decision.points() + " points of " + request.requestedPoints() + " requested");
        }
        if (request.orderAmount() != null && !decision.value().currency().equals(request.orderAmount().currency())) {
            throw InvalidDecision.of("the value is in " + decision.value().currency() + ", the order in " + request.orderAmount().currency());
        }
        if (decision.reason().length() > 255) {
            throw InvalidDecision.of("reasons are at most 255 characters");
        }
    }

    private static JsonObject body(String orderId, long points, Money amount, long balance, String reason) {
        return new JsonObject().put("orderId", orderId).put("points", points).put("amount", amount.minor())
                .put("currency", amount.currency()).put("balance", balance).put("reason", reason);
    }

    private static Outcome previous(Connection c, String storeId, String memberId, RedemptionInput input) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT requested_points, order_amount, points, amount, currency, "
                + "balance_after, reason FROM member_redemptions WHERE store_id = ? AND member_id = ? AND order_id = ?")) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            ps.setString(3, input.request().orderId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long requested = rs.getLong(1);
                long orderAmount = rs.getLong(2);
                Long askedAmount = rs.wasNull() ? null : orderAmount;
                if (!input.sameAs(requested, askedAmount)) {
                    throw new HostError(ErrorCode.IDEMPOTENCY_MISMATCH, "order " + input.request().orderId()
                            + " already has a redemption asked with other points or another order amount");
                }
                return new Outcome(body(input.request().orderId(), rs.getLong(3), Money.of(rs.getLong(4), rs.getString(5)),
                        rs.getLong(6), rs.getString(7)), true);
            }
        }
    }

    private static void insert(Connection c, String storeId, String memberId, RedemptionRequest request, RedemptionDecision decision,
                               long balance, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO member_redemptions (store_id, member_id, order_id, requested_points, "
                + "order_amount, points, amount, currency, balance_after, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            ps.setString(3, request.orderId());
            ps.setLong(4, request.requestedPoints());
            if (request.orderAmount() == null) {
                ps.setNull(5, Types.BIGINT);
            } else {
                ps.setLong(5, request.orderAmount().minor());
            }
            ps.setLong(6, decision.points());
            ps.setLong(7, decision.value().minor());
            ps.setString(8, decision.value().currency());
            ps.setLong(9, balance);
            ps.setString(10, decision.reason());
            ps.setTimestamp(11, Timestamp.from(now));
            ps.executeUpdate();
        }
    }
}
