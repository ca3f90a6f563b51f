package dev.mallkit.host.order;

import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.db.Dialect;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
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

import static java.util.Objects.requireNonNull;

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

    /**
     * The outcome: the response body, its JSON text (as stored for replays, so it is encoded once), and whether
     * it was a replay.
     */
    public record Outcome(JsonObject body, String json, boolean replay) {
        public Outcome {
            requireNonNull(body, "body is null");
            requireNonNull(json, "json is null");
        }
    }

    /** Accepts an event from a parsed request. */
    public Future<Outcome> accept(String storeId, OrderEventRequest request) {
        return db.offLoop(() -> acceptBlocking(storeId, request));
    }

    /** Accepts an event on the calling (non event-loop) thread. */
    public Outcome acceptBlocking(String storeId, OrderEventRequest request) throws Exception {
        long start = System.nanoTime();
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
                if (!Dialect.isTransient(e) || attempt >= MAX_ATTEMPTS || System.nanoTime() - start > Dialect.RETRY_WINDOW_NANOS) {
                    throw e;
                }
            } catch (HostError e) {
                // a concurrent copy of this very event may have committed while we waited for the order's lock
                if (e.is(ErrorCode.ALREADY_PAID) || e.is(ErrorCode.REFUND_EXCEEDS_PAID)) {
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
        // A PAID event checks for its replay as the transaction's first read (a transaction of its own costs two
        // autocommit switches and a commit besides the read). Refunds and completions first wait for the lock of the
        // order's PAID row: a plain read before that wait would date the transaction's snapshot before it, so
        // their replay check stays a transaction of its own.
        boolean payment = event.type() == OrderEventType.PAID;
        if (!payment) {
            Outcome previous = replayInNewTransaction(storeId, request);
            if (previous != null) {
                return previous;
            }
        }
        StoreSnapshot snapshot = mix.snapshot(storeId);
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Outcome previous = payment ? replay(c, storeId, event, request.bodyHash()) : null;
            if (previous != null) {
                return previous;
            }
            Money paid = paid(c, storeId, event);
            Money refunded = refundedBefore(c, storeId, event);
            if (event.type() == OrderEventType.REFUNDED && refunded.plus(event.amount()).minor() > paid.minor()) {
                throw new HostError(ErrorCode.REFUND_EXCEEDS_PAID, "refunds of order " + event.orderId() + " would total "
                        + refunded.plus(event.amount()).minor() + " but " + paid.minor() + " was paid");
            }
            claim(c, storeId, event, request.bodyHash(), now);
            Instant firstSeen = Members.touch(c, storeId, event.memberId(), now);
            OrderContext order = new OrderContext(storeId, snapshot, event, request.attribution(), paid, refunded, now, firstSeen);
            JsonObject body = new JsonObject();
            for (OrderEffect effect : effects) {
                body.put(effect.key(), effect.apply(c, order));
            }
            String json = body.encode();
            saveResult(c, storeId, event, json);
            return new Outcome(body, json, false);
        });
    }

    private Outcome replayInNewTransaction(String storeId, OrderEventRequest request) throws SQLException {
        return db.inTransaction(c -> replay(c, storeId, request.event(), request.bodyHash()));
    }

    /**
     * @return the first result of this event when it was accepted before, else null. For PAID the read takes every
     *         PAID row of the order, so it also refuses a second payment. A plain read: locking the (absent) PAID row
     *         would take a gap lock on InnoDB, and two new orders landing in one gap deadlock on their inserts; the
     *         primary key refuses a second copy of the event.
     */
    private static Outcome replay(Connection c, String storeId, OrderEvent event, String bodyHash) throws SQLException {
        boolean payment = event.type() == OrderEventType.PAID;
        try (PreparedStatement ps = c.prepareStatement("SELECT body_hash, result, seq FROM order_events WHERE store_id = ? AND order_id = ? "
                + "AND type = ?" + (payment ? "" : " AND seq = ?"))) {
            ps.setString(1, storeId);
            ps.setString(2, event.orderId());
            ps.setString(3, event.type().name());
            if (!payment) {
                ps.setLong(4, event.seq());
            }
            boolean otherPayment = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(3) != event.seq()) {
                        otherPayment = true;
                        continue;
                    }
                    if (!rs.getString(1).equals(bodyHash)) {
                        throw new HostError(ErrorCode.IDEMPOTENCY_MISMATCH, "event " + event.type() + " #" + event.seq() + " of order "
                                + event.orderId() + " was already accepted with a different body");
                    }
                    String json = rs.getString(2);
                    return new Outcome(new JsonObject(json), json, true);
                }
            }
            if (otherPayment) {
                throw new HostError(ErrorCode.ALREADY_PAID, "order " + event.orderId() + " already has a PAID event; only one payment per order");
            }
            return null;
        }
    }

    /** @return the paid amount of the order; PAID must come first (once) and refunds need it */
    private static Money paid(Connection c, String storeId, OrderEvent event) throws SQLException {
        if (event.type() == OrderEventType.PAID) {
            // the replay read found no PAID row of the order
            return event.amount();
        }
        // later events lock the existing PAID row, which serialises an order's refunds
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT amount, currency, member_id FROM order_events WHERE store_id = ? AND order_id = ? AND type = 'PAID' FOR UPDATE")) {
            ps.setString(1, storeId);
            ps.setString(2, event.orderId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new HostError(ErrorCode.ORDER_NOT_PAID, "order " + event.orderId() + " has no PAID event yet; deliver it first, then retry this one");
                }
                Money paid = Money.of(rs.getLong(1), rs.getString(2));
                if (!paid.currency().equals(event.amount().currency())) {
                    throw new HostError(ErrorCode.CURRENCY_MISMATCH, "the order was paid in " + paid.currency());
                }
                if (!rs.getString(3).equals(event.memberId())) {
                    throw new HostError(ErrorCode.MEMBER_MISMATCH, "the order was paid by another member");
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
        if (event.type() == OrderEventType.PAID) {
            // a second PAID of the order, even one committing concurrently, breaks this key (V11): a duplicate-key
            // error that the replay check then answers as ALREADY_PAID
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO order_payments (store_id, order_id) VALUES (?, ?)")) {
                ps.setString(1, storeId);
                ps.setString(2, event.orderId());
                ps.executeUpdate();
            }
        }
    }

    private static void saveResult(Connection c, String storeId, OrderEvent event, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE order_events SET result = ? WHERE store_id = ? AND order_id = ? AND type = ? AND seq = ?")) {
            ps.setString(1, json);
            ps.setString(2, storeId);
            ps.setString(3, event.orderId());
            ps.setString(4, event.type().name());
            ps.setLong(5, event.seq());
            ps.executeUpdate();
        }
    }
}
