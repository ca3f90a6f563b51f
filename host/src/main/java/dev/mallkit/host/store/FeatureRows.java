package dev.mallkit.host.store;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SQL for {@code store_features}. Config is stored as JSON with secret values sealed. */
final class FeatureRows {
    /** A stored row; {@code config} still sealed. */
    record Row(String storeId, String pluginId, String version, int order, boolean enabled, JsonObject config) {
    }

    private FeatureRows() {
    }

    static List<Row> list(Connection c, String storeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT plugin_id, version, position, enabled, config FROM store_features WHERE store_id = ? ORDER BY position, plugin_id")) {
            ps.setString(1, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new Row(storeId, rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4), new JsonObject(rs.getString(5))));
                }
                return rows;
            }
        }
    }

    static void lockStore(Connection c, String storeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM stores WHERE id = ? FOR UPDATE")) {
            ps.setString(1, storeId);
            ps.executeQuery().close();
        }
    }

    static void upsert(Connection c, Row row) throws SQLException {
        delete(c, row.storeId(), row.pluginId());
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO store_features (store_id, plugin_id, version, position, enabled, config, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, row.storeId());
            ps.setString(2, row.pluginId());
            ps.setString(3, row.version());
            ps.setInt(4, row.order());
            ps.setBoolean(5, row.enabled());
            ps.setString(6, row.config().encode());
            ps.setTimestamp(7, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    static boolean delete(Connection c, String storeId, String pluginId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM store_features WHERE store_id = ? AND plugin_id = ?")) {
            ps.setString(1, storeId);
            ps.setString(2, pluginId);
            return ps.executeUpdate() > 0;
        }
    }


}
