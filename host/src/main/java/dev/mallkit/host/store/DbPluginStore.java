package dev.mallkit.host.store;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.PluginStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

import static java.util.Objects.requireNonNull;

/** The (plugin, store) key-value store in table {@code plugin_kv}. Called from plugin threads, never the event loop. */
final class DbPluginStore implements PluginStore {
    static final int MAX_KEY = 128;
    static final int MAX_VALUE = 4096;
    static final int MAX_KEYS = 1000;

    private final DataSource dataSource;
    private final String pluginId;
    private final String storeId;

    DbPluginStore(DataSource dataSource, String pluginId, String storeId) {
        this.dataSource = dataSource;
        this.pluginId = pluginId;
        this.storeId = storeId;
    }

    @Override
    public Optional<String> get(String key) {
        requireNonNull(key, "key is null");
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT v FROM plugin_kv WHERE plugin_id = ? AND store_id = ? AND k = ?")) {
                ps.setString(1, pluginId);
                ps.setString(2, storeId);
                ps.setString(3, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void put(String key, String value) {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        if (key.isEmpty() || key.length() > MAX_KEY || value.length() > MAX_VALUE) {
            throw new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "STORE_LIMIT",
                    "keys are 1-" + MAX_KEY + " characters and values at most " + MAX_VALUE);
        }
        sql(c -> {
            remove(c, key);
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM plugin_kv WHERE plugin_id = ? AND store_id = ?")) {
                count.setString(1, pluginId);
                count.setString(2, storeId);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= MAX_KEYS) {
                        throw new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "STORE_LIMIT", "at most " + MAX_KEYS + " keys");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO plugin_kv (plugin_id, store_id, k, v) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, pluginId);
                ps.setString(2, storeId);
                ps.setString(3, key);
                ps.setString(4, value);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void remove(String key) {
        requireNonNull(key, "key is null");
        sql(c -> {
            remove(c, key);
            return null;
        });
    }

    private void remove(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM plugin_kv WHERE plugin_id = ? AND store_id = ? AND k = ?")) {
            ps.setString(1, pluginId);
            ps.setString(2, storeId);
            ps.setString(3, key);
            ps.executeUpdate();
        }
    }

    private <T> T sql(dev.mallkit.host.db.SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new PluginException(ErrorCategory.EXTERNAL, "STORE_UNAVAILABLE", "the plugin store is unavailable", e);
        }
    }
}
