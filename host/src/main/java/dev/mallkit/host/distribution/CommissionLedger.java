package dev.mallkit.host.distribution;

import dev.mallkit.api.Money;
import dev.mallkit.api.distribution.CommissionPlan;
import dev.mallkit.api.distribution.CommissionSplit;
import dev.mallkit.host.db.Database;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The commission ledger. Each split of a PAID order becomes a commission (one row per order and level)
 * with an append-only trail of entries: {@code PENDING} when captured, {@code SETTLED} (the net still
 * owed) once the frozen period has passed, {@code REVERSED} for a refund while pending and
 * {@code CLAWBACK} for a refund after settlement. Entry amounts are positive; the type gives the
 * direction: pending = PENDING − REVERSED − SETTLED, settled = SETTLED − CLAWBACK.
 *
 * <p>Refunds reverse at the captured amount with one rounding rule, stated here: after refunds
 * totalling R of an order that paid P, a commission that captured C has been reversed by
 * floor(C × R / P) in total, so each refund reverses floor(C × R / P) minus what was reversed before,
 * and a full refund reverses exactly C whatever the partial refunds before it.
 */
public final class CommissionLedger {
    private static final int SETTLE_BATCH = 500;
    private final Database db;

    public CommissionLedger(Database db) {
        this.db = db;
    }

    /** Records every split of {@code plan} as PENDING until {@code at + frozenPeriod}; returns the response rows. */
    public static JsonArray capture(Connection c, String storeId, String orderId, Money paid, CommissionPlan plan, Instant at) throws SQLException {
        JsonArray out = new JsonArray();
        Instant settleAfter = at.plus(plan.frozenPeriod());
        List<Entry> pending = new ArrayList<>();
        for (CommissionSplit split : plan.splits()) {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO commissions (store_id, order_id, level, beneficiary_id, currency, "
                    + "captured, reversed, order_paid, order_refunded, status, settle_after, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 0, 'PENDING', ?, ?, ?)",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, storeId);
                ps.setString(2, orderId);
                ps.setInt(3, split.level());
                ps.setString(4, split.beneficiaryId());
                ps.setString(5, split.amount().currency());
                ps.setLong(6, split.amount().minor());
                ps.setLong(7, paid.minor());
                ps.setTimestamp(8, Timestamp.from(settleAfter));
                ps.setString(9, split.reason().length() > 200 ? split.reason().substring(0, 200) : split.reason());
                ps.setTimestamp(10, Timestamp.from(at));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            pending.add(new Entry(id, storeId, split.beneficiaryId(), "PENDING", split.amount().minor(), at));
            out.add(row(split.beneficiaryId(), split.level(), split.amount().minor(), split.amount().currency(), "PENDING", settleAfter));
        }
        // every level's PENDING entry in one statement: a round trip per level was most of a capture
        append(c, pending);
        return out;
    }

    /**
     * Reverses every commission of the order for a refund of {@code refundAmount}. The refunded total is
     * kept on the locked commission row itself, so the rule holds whatever the caller's snapshot saw.
     */
    public static JsonArray reverse(Connection c, String storeId, String orderId, long refundAmount, Instant at) throws SQLException {
        JsonArray out = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, level, beneficiary_id, currency, captured, reversed, order_paid, status, "
                + "settle_after, order_refunded FROM commissions WHERE store_id = ? AND order_id = ? ORDER BY level FOR UPDATE")) {
            ps.setString(1, storeId);
            ps.setString(2, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long captured = rs.getLong(5);
                    long reversedSoFar = rs.getLong(6);
                    long refundedTotal = rs.getLong(10) + refundAmount;
                    long due = Money.of(captured, rs.getString(4)).proportion(refundedTotal, rs.getLong(7)).minor() - reversedSoFar;
                    boolean settled = rs.getString(8).equals("SETTLED") || rs.getString(8).equals("CLAWED_BACK");
                    String type = settled ? "CLAWBACK" : "REVERSED";
                    long total = reversedSoFar + due;
                    String status = settled ? (total == captured ? "CLAWED_BACK" : "SETTLED") : total == captured ? "REVERSED" : "PENDING";
                    try (PreparedStatement update = c.prepareStatement(
                            "UPDATE commissions SET reversed = ?, status = ?, order_refunded = ? WHERE id = ?")) {
                        update.setLong(1, total);
                        update.setString(2, status);
                        update.setLong(3, refundedTotal);
                        update.setLong(4, rs.getLong(1));
                        update.executeUpdate();
                    }
                    if (due <= 0) {
                        continue;
                    }
                    append(c, rs.getLong(1), storeId, rs.getString(3), type, due, at);
                    out.add(row(rs.getString(3), rs.getInt(2), due, rs.getString(4), type, rs.getTimestamp(9).toInstant()));
                }
            }
        }
        return out;
    }

    /**
     * Settles every PENDING commission whose frozen period ended by {@code now}. Idempotent and safe to
     * run on several hosts at once: a commission settles only through a conditional update from PENDING.
     *
     * @return how many commissions this call settled
     */
    public int settleDue(Instant now) throws SQLException {
        int settled = 0;
        while (true) {
            List<Long> due = db.inTransaction(c -> dueIds(c, now));
            if (due.isEmpty()) {
                return settled;
            }
            settled += db.inTransaction(c -> {
                int count = 0;
                for (long id : due) {
                    count += settle(c, id, now) ? 1 : 0;
                }
                return count;
            });
            if (due.size() < SETTLE_BATCH) {
                return settled;
            }
        }
    }

    private static List<Long> dueIds(Connection c, Instant now) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM commissions WHERE status = 'PENDING' AND settle_after <= ? ORDER BY settle_after, id LIMIT " + SETTLE_BATCH)) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static boolean settle(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE commissions SET status = 'SETTLED', settled_at = ? WHERE id = ? AND status = 'PENDING' AND settle_after <= ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setLong(2, id);
            ps.setTimestamp(3, Timestamp.from(now));
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT store_id, beneficiary_id, captured - reversed FROM commissions WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                append(c, id, rs.getString(1), rs.getString(2), "SETTLED", rs.getLong(3), now);
            }
        }
        return true;
    }

    /** @return the member's ledger entries, newest first, with each commission's current status */
    public static JsonArray entries(Connection c, String storeId, String memberId, int limit) throws SQLException {
        JsonArray out = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement("SELECT e.id, e.type, e.amount, e.created_at, m.order_id, m.level, m.currency, "
                + "m.status, m.settle_after, m.reason FROM commission_entries e JOIN commissions m ON m.id = e.commission_id "
                + "WHERE e.store_id = ? AND e.beneficiary_id = ? ORDER BY e.id DESC LIMIT " + limit)) {
            ps.setString(1, storeId);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JsonObject().put("entryId", rs.getLong(1)).put("type", rs.getString(2)).put("amount", rs.getLong(3))
                            .put("currency", rs.getString(7)).put("orderId", rs.getString(5)).put("level", rs.getInt(6))
                            .put("status", rs.getString(8)).put("settleAfter", rs.getTimestamp(9).toInstant().toString())
                            .put("createdAt", rs.getTimestamp(4).toInstant().toString()).put("reason", rs.getString(10)));
                }
            }
        }
        return out;
    }

    /** One ledger entry to append. */
    private record Entry(long commissionId, String storeId, String beneficiaryId, String type, long amount, Instant at) {
    }

    private static void append(Connection c, long commissionId, String storeId, String beneficiaryId, String type, long amount, Instant at)
            throws SQLException {
        append(c, List.of(new Entry(commissionId, storeId, beneficiaryId, type, amount, at)));
    }

    private static void append(Connection c, List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        String values = String.join(", ", java.util.Collections.nCopies(entries.size(), "(?, ?, ?, ?, ?, ?)"));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO commission_entries "
                + "(commission_id, store_id, beneficiary_id, type, amount, created_at) VALUES " + values)) {
            int i = 0;
            for (Entry e : entries) {
                ps.setLong(++i, e.commissionId());
                ps.setString(++i, e.storeId());
                ps.setString(++i, e.beneficiaryId());
                ps.setString(++i, e.type());
                ps.setLong(++i, e.amount());
                ps.setTimestamp(++i, Timestamp.from(e.at()));
            }
            ps.executeUpdate();
        }
    }

    private static JsonObject row(String beneficiaryId, int level, long amount, String currency, String status, Instant settleAfter) {
        return new JsonObject().put("beneficiaryId", beneficiaryId).put("level", level).put("amount", amount)
                .put("currency", currency).put("status", status).put("settleAfter", settleAfter.toString());
    }
}
