package dev.mallkit.host.marketplace;

import dev.mallkit.host.db.Dialect;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Which provider owns a plugin id: the first whose submission of it passes the automated review. */
final class PluginOwners {
    private PluginOwners() {
    }

    static Optional<String> owner(Connection c, String pluginId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT provider_id FROM plugin_owners WHERE plugin_id = ?")) {
            ps.setString(1, pluginId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static Set<String> ownedBy(Connection c, String providerId) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT plugin_id FROM plugin_owners WHERE provider_id = ?")) {
            ps.setString(1, providerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** Claims {@code pluginId} for {@code providerId} unless someone owns it; @return the owner after the claim */
    static String claim(Connection c, String pluginId, String providerId, Instant now) throws SQLException {
        Optional<String> owner = owner(c, pluginId);
        if (owner.isPresent()) {
            return owner.get();
        }
        if (!insert(c, pluginId, providerId, now)) {
            // a concurrent first submission won; the caller's transaction rolls back and reports it
            throw new HostError(ErrorCode.PLUGIN_ID_CLAIMED, "plugin id " + pluginId + " was claimed by another submission; submit again");
        }
        return providerId;
    }

    /** Records {@code providerId} as the owner; @return false when another transaction recorded an owner first */
    static boolean insert(Connection c, String pluginId, String providerId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO plugin_owners (plugin_id, provider_id, claimed_at) VALUES (?, ?, ?)")) {
            ps.setString(1, pluginId);
            ps.setString(2, providerId);
            ps.setTimestamp(3, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (Dialect.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }
}
