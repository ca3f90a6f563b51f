package dev.mallkit.host.marketplace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's own plugin ids. They belong to the platform from the first start, whether or not their
 * packages were seeded on this host, so no provider can claim one by submitting it first: ownership goes
 * to the first passing submission of an id nobody owns ({@link PluginOwners#claim}).
 */
final class FirstPartyIds {
    /** The provider id of the platform's own plugins (their descriptors' {@code provider}). */
    static final String PLATFORM = "mallkit";
    /** The first-party plugins of {@code plugins/}, and the storefront action the contract names. */
    static final List<String> IDS = List.of("membership-tiers", "membership-paid-card", "distribution-classic",
            "live-jump-showcase", "live-jump-miniprogram", "live-jump-official-account", "live-jump-wecom", "member-sign-in",
            "js-membership-example", "js-distribution-example", "js-live-jump-example");
    private static final Logger LOG = LoggerFactory.getLogger(FirstPartyIds.class);

    private FirstPartyIds() {
    }

    /**
     * Records the platform as the owner of every first-party id and of every id it published itself (seeded
     * packages); idempotent, so every start runs it. An id a provider claimed before this check existed is
     * taken back, with a warning: the platform's plugins would otherwise be refused under their own names.
     *
     * @return how many ids this call gave to the platform
     */
    static int reserve(Connection c, Instant now) throws SQLException {
        Set<String> ids = new LinkedHashSet<>(IDS);
        ids.addAll(publishedByPlatform(c));
        int changed = 0;
        for (String id : ids) {
            Optional<String> owner = PluginOwners.owner(c, id);
            if (owner.isEmpty()) {
                // false: another host of the cluster reserved it at the same start
                changed += PluginOwners.insert(c, id, PLATFORM, now) ? 1 : 0;
            } else if (!owner.get().equals(PLATFORM)) {
                LOG.warn("first-party plugin id {} was claimed by provider {}; it belongs to the platform again", id, owner.get());
                try (PreparedStatement ps = c.prepareStatement("UPDATE plugin_owners SET provider_id = ?, claimed_at = ? WHERE plugin_id = ?")) {
                    ps.setString(1, PLATFORM);
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setString(3, id);
                    changed += ps.executeUpdate();
                }
            }
        }
        return changed;
    }

    private static Set<String> publishedByPlatform(Connection c) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT plugin_id FROM plugin_versions WHERE provider_id = ?")) {
            ps.setString(1, PLATFORM);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }
}
