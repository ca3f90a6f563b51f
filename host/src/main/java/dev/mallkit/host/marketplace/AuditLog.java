package dev.mallkit.host.marketplace;

import dev.mallkit.host.auth.Principal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

/** Every marketplace action: who, what, on which target, when and why. Written in the action's transaction. */
final class AuditLog {
    private static final int LIST_LIMIT = 500;

    private final Clock clock;

    AuditLog(Clock clock) {
        this.clock = clock;
    }

    void record(Connection c, Principal who, String action, String target, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO marketplace_audit (at, actor_role, actor, action, target, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, who.role().name().toLowerCase());
            ps.setString(3, who.subject());
            ps.setString(4, action);
            ps.setString(5, target);
            ps.setString(6, reason == null ? null : Texts.clip(reason, 500));
            ps.executeUpdate();
        }
    }

    /** @return the latest entries, newest first */
    JsonArray list(Connection c) throws SQLException {
        JsonArray out = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, at, actor_role, actor, action, target, reason FROM marketplace_audit ORDER BY id DESC")) {
            ps.setMaxRows(LIST_LIMIT);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JsonObject().put("id", rs.getLong(1)).put("at", rs.getTimestamp(2).toInstant().toString())
                            .put("role", rs.getString(3)).put("actor", rs.getString(4)).put("action", rs.getString(5))
                            .put("target", rs.getString(6)).put("reason", rs.getString(7)));
                }
            }
        }
        return out;
    }
}
