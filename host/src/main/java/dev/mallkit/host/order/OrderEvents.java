package dev.mallkit.host.order;

import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.db.Dialect;
import dev.mallkit.host.http.ApiError;
import dev.mallkit.host.store.FeatureMix;
import dev.mallkit.host.store.StoreSnapshot;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Accepts order events exactly once per (store, order, type, seq) and applies every registered
 * {@link OrderEffect} in one transaction. A replay returns the first result unchanged; the same key with a
 * different body is 409 {@code IDEMPOTENCY_MISMATCH}.
 */
public final class OrderEvents {
    private final Database db;
    private final FeatureMix mix;
    private final Clock clock;
    private static final int MAX_ATTEMPTS = 5;

    private final List<OrderEffect> effects = new CopyOnWriteArrayList<>();

    public OrderEvents(Database db, FeatureMix mix, Clock clock) {
        this.db = db;
        this.mix = mix;
        this.clock = clock;
    }

    /** Registers an effect; effects apply in registration order. */
    public void register(OrderEffect effect) {
        effects.add(effect);
    }

    /** The outcome: the response body, and whether it was a replay. */
    public record Outcome(JsonObject body, boolean replay) {
    }

    /** Accepts an event from a parsed request. */
    public Future<Outcome> accept(String storeId, OrderEventRequest request) {
        return db.offLoop(() -> acceptBlocking(storeId, request));
    }

    /** Accepts an event on the calling (non event-loop) thread. */
    public Outcome acceptBlocking(String storeId, OrderEventRequest request) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(storeId, request);
            } catch (SQLException e) {
                if (Dialect.isDuplicateKey(e)) {
                    // a concurrent delivery of the same event committed first: answer as a replay
                    Outcome raced = replayInNewTransaction(storeId, request);
                    if (raced != null) {
                        return raced;
                    }
                }
                if (!Dialect.isTransient(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            } catch (ApiError e) {
                // a concurrent copy of this very event may have committed while we waited for the order's lock
                if (e.status() == 409 && ("ALREADY_PAID".equals(e.code()) || "REFUND_EXCEEDS_PAID".equals(e.code()))) {
                    Outcome raced = replayInNewTransaction(storeId, request);
                    if (raced != null) {
                        return raced;
                    }
                }
                throw e;
            }
        }
    }

    private Outcome attempt(String storeId, OrderEventRequest request) throws Exception {
        OrderEvent event = request.event();
        Outcome previous = replayInNewTransaction(storeId, request);
        if (previous != null) {
            return previous;
        }
        StoreSnapshot snapshot = mix.snapshot(storeId);
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Money paid = paid(c, storeId, event);
            Money refunded = refundedBefore(c, storeId, event);
            if (event.type() == OrderEventType.REFUNDED && refunded.plus(event.amount()).minor() > paid.minor()) {
                throw ApiError.conflict("REFUND_EXCEEDS_PAID", "refunds of order " + event.orderId() + " would total "
                        + refunded.plus(event.amount()).minor() + " but " + paid.minor() + " was paid");
            }
            claim(c, storeId, event, request.bodyHash(), now);
            Members.touch(c, storeId, event.memberId(), now);
            OrderContext order = new OrderContext(storeId, snapshot, event, request.attribution(), paid, refunded, now);
            JsonObject body = new JsonObject();
            for (OrderEffect effect : effects) {
                body.put(effect.key(), effect.apply(c, order));
            }
            saveResult(c, storeId, event, body);
            return new Outcome(body, false);
        });
    }

    private Outcome replayInNewTransaction(String storeId, OrderEventRequest request) throws SQLException {
        return db.inTransaction(c -> replay(c, storeId, request.event(), request.bodyHash()));
    }


    private static Outcome replay(Connection c, String storeId, OrderEvent event, String bodyHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT body_hash, result FROM order_events WHERE store_id = ? AND order_id = ? AND type = ? AND seq = ?")) {
            ps.setString(1, storeId);
            ps.setString(2, event.orderId());
            ps.setString(3, event.type().name());
            ps.setLong(4, event.seq());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                if (!rs.getString(1).equals(bodyHash)) {
                    throw ApiError.conflict("IDEMPOTENCY_MISMATCH", "event " + event.type() + " #" + event.seq() + " of order "
                            + event.orderId() + " was already accepted with a different body");
                }
                return new Outcome(new JsonObject(rs.getString(2)), true);
            }
        }
    }

    /** @return the paid amount of the order; PAID must come first (once) and refunds need it */
    private static Money paid(Connection c, String storeId, OrderEvent event) throws SQLException {
        // a PAID event must not lock the (absent) PAID row: on InnoDB that is a gap lock, and two new orders
        // landing in one gap deadlock on their inserts. The primary key refuses a second copy of the event; later
        // events lock the existing PAID row, which serialises an order's refunds.
        String lock = event.type() == OrderEventType.PAID ? "" : " FOR UPDATE";
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT amount, currency, member_id FROM order_events WHERE store_id = ? AND order_id = ? AND type = 'PAID'" + lock)) {
            ps.setString(1, storeId);
            ps.setString(2, event.orderId());
            try (ResultSet rs = ps.executeQuery()) {
                if (event.type() == OrderEventType.PAID) {
                    if (rs.next()) {
                        throw ApiError.conflict("ALREADY_PAID", "order " + event.orderId() + " already has a PAID event; only one payment per order");
                    }
                    return event.amount();
                }
                if (!rs.next()) {
                    throw ApiError.conflict("ORDER_NOT_PAID", "order " + event.orderId() + " has no PAID event yet; deliver it first, then retry this one");
                }
                Money paid = Money.of(rs.getLong(1), rs.getString(2));
                if (!paid.currency().equals(event.amount().currency())) {
                    throw ApiError.badRequest("CURRENCY_MISMATCH", "the order was paid in " + paid.currency());
                }
                if (!rs.getString(3).equals(event.memberId())) {
                    throw ApiError.badRequest("MEMBER_MISMATCH", "the order was paid by another member");
                }
                return paid;
            }
        }
    }

    private static Money refundedBefore(Connection c, String storeId, OrderEvent event) throws SQLException {
        if (event.type() != OrderEventType.REFUNDED) {
            return Money.zero(event.amount().currency());
        }
        // a locking read: under REPEATABLE READ a plain read may come from a snapshot older than the refund
        // that held the PAID row lock before us, and its amount would be missed (H2 takes the snapshot at the
        // transaction's first statement). Summed here: H2 refuses FOR UPDATE on aggregates.
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT amount FROM order_events WHERE store_id = ? AND order_id = ? AND type = 'REFUNDED' FOR UPDATE")) {
            ps.setString(1, storeId);
            ps.setString(2, event.orderId());
            long total = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    total = Math.addExact(total, rs.getLong(1));
                }
            }
            return Money.of(total, event.amount().currency());
        }
    }

    private static void claim(Connection c, String storeId, OrderEvent event, String bodyHash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO order_events (store_id, order_id, type, seq, body_hash, member_id, currency, amount, received_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, storeId);
            ps.setString(2, event.orderId());
            ps.setString(3, event.type().name());
            ps.setLong(4, event.seq());
            ps.setString(5, bodyHash);
            ps.setString(6, event.memberId());
            ps.setString(7, event.amount().currency());
            ps.setLong(8, event.amount().minor());
            ps.setTimestamp(9, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    private static void saveResult(Connection c, String storeId, OrderEvent event, JsonObject body) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE order_events SET result = ? WHERE store_id = ? AND order_id = ? AND type = ? AND seq = ?")) {
            ps.setString(1, body.encode());
            ps.setString(2, storeId);
            ps.setString(3, event.orderId());
            ps.setString(4, event.type().name());
            ps.setLong(5, event.seq());
            ps.executeUpdate();
        }
    }
}
