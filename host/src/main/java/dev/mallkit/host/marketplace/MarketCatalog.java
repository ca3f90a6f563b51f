package dev.mallkit.host.marketplace;

import dev.mallkit.host.auth.Principal;
import dev.mallkit.host.cluster.PluginAnnouncer;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.plugins.Descriptors;
import dev.mallkit.host.plugins.PluginCatalog;
import dev.mallkit.host.plugins.PublishedVersion;
import dev.mallkit.host.store.FeatureMix;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The published catalog as every role sees it, and yanking or uninstalling a version everywhere. */
final class MarketCatalog {
    private final Database db;
    private final PluginCatalog catalog;
    private final FeatureMix mix;
    private final AuditLog audit;
    private final PluginAnnouncer announcer;

    MarketCatalog(Database db, PluginCatalog catalog, FeatureMix mix, AuditLog audit, PluginAnnouncer announcer) {
        this.db = db;
        this.catalog = catalog;
        this.mix = mix;
        this.audit = audit;
        this.announcer = announcer;
    }

    /** @return {@code [{id,provider,tier,versions:[{version,status,extensionPoints,configSchema,compatibility,...}]}]} */
    Future<JsonArray> list() {
        return db.read(c -> {
            Map<String, JsonObject> compat = compatibility(c);
            Map<String, JsonObject> plugins = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT plugin_id, version, provider_id, tier, sha256, descriptor, status, "
                    + "status_reason, published_at, signature FROM plugin_versions ORDER BY plugin_id, published_at");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    String version = rs.getString(2);
                    String sha = rs.getString(5).trim();
                    JsonObject d = Descriptors.toJson(Descriptors.fromJson(new JsonObject(rs.getString(6))));
                    JsonObject plugin = plugins.computeIfAbsent(id, k -> new JsonObject().put("id", k).put("versions", new JsonArray()));
                    plugin.put("provider", rs.getString(3)).put("tier", rs.getString(4)).put("description", d.getString("description"));
                    JsonObject v = new JsonObject().put("version", version).put("status", rs.getString(7))
                            .put("statusReason", rs.getString(8)).put("tier", rs.getString(4)).put("sha256", sha)
                            .put("signed", rs.getString(10) != null)
                            .put("publishedAt", rs.getTimestamp(9).toInstant().toString())
                            .put("requires", d.getString("requires")).put("extensionPoints", d.getJsonArray("extensionPoints"))
                            .put("dependencies", d.getJsonArray("dependencies")).put("configSchema", d.getJsonObject("configSchema"))
                            .put("reviewed", compat.containsKey(sha)).put("compatibility", compat.getOrDefault(sha, new JsonObject()))
                            .put("loaded", catalog.loaded(id, version).isPresent());
                    catalog.failure(id, version).ifPresent(f -> v.put("loadFailure", f));
                    plugin.getJsonArray("versions").add(v);
                }
            }
            return new JsonArray(new java.util.ArrayList<>(plugins.values()));
        });
    }

    /**
     * Marks (id, version) YANKED with the reason; then every host drops its store snapshots, unloads the version
     * and deletes its package (the row stays: the version can never be published again with other bytes).
     */
    Future<JsonObject> yank(Principal admin, String id, String version, String reason) {
        return db.tx(c -> {
            PublishedVersion published = locked(c, id, version);
            if (!published.status().equals("PUBLISHED")) {
                ErrorCode code = published.status().equals("YANKED") ? ErrorCode.ALREADY_YANKED : ErrorCode.ALREADY_UNINSTALLED;
                throw new HostError(code, id + " " + version + " is already " + published.status().toLowerCase());
            }
            setStatus(c, id, version, "YANKED", reason);
            audit.record(c, admin, "YANK", "plugin:" + id + "@" + version, reason);
            return published.sha256().trim();
        }).map(sha256 -> {
            // this host's stores stop using it before the answer; every host, this one included, then hears of it and
            // unloads the version off the event loop
            mix.forget("*");
            announcer.yanked(id, version, sha256);
            return new JsonObject().put("pluginId", id).put("version", version).put("status", "YANKED").put("statusReason", reason);
        });
    }

    /**
     * Uninstalls (id, version), which no store may have in its mix (409 {@code VERSION_IN_USE} naming how many
     * do): marked UNINSTALLED, then unloaded and its package deleted on every host, as a yank is.
     */
    Future<JsonObject> uninstall(Principal admin, String id, String version) {
        return db.tx(c -> {
            PublishedVersion published = locked(c, id, version);
            if (published.status().equals("UNINSTALLED")) {
                throw new HostError(ErrorCode.ALREADY_UNINSTALLED, id + " " + version + " is already uninstalled");
            }
            int stores = storesUsing(c, id, version);
            if (stores > 0) {
                throw new HostError(ErrorCode.VERSION_IN_USE, id + " " + version + " is in the feature mix of " + stores
                        + (stores == 1 ? " store" : " stores") + "; they must move off it first", new JsonArray().add(stores));
            }
            setStatus(c, id, version, "UNINSTALLED", "uninstalled by " + admin.subject());
            audit.record(c, admin, "UNINSTALL", "plugin:" + id + "@" + version, null);
            return published.sha256().trim();
        }).map(sha256 -> {
            mix.forget("*");
            announcer.uninstalled(id, version, sha256);
            return new JsonObject().put("pluginId", id).put("version", version).put("status", "UNINSTALLED");
        });
    }

    /** The version's row, locked so a yank and an uninstall of it cannot interleave; 404 when not published. */
    private static PublishedVersion locked(Connection c, String id, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM plugin_versions WHERE plugin_id = ? AND version = ? FOR UPDATE")) {
            ps.setString(1, id);
            ps.setString(2, version);
            ps.executeQuery().close();
        }
        return PluginCatalog.published(c, id, version)
                .orElseThrow(() -> new HostError(ErrorCode.PLUGIN_NOT_FOUND, "plugin " + id + " " + version + " is not published"));
    }

    private static void setStatus(Connection c, String id, String version, String status, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE plugin_versions SET status = ?, status_reason = ? WHERE plugin_id = ? AND version = ?")) {
            ps.setString(1, status);
            ps.setString(2, reason);
            ps.setString(3, id);
            ps.setString(4, version);
            ps.executeUpdate();
        }
    }

    private static int storesUsing(Connection c, String id, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT store_id) FROM store_features WHERE plugin_id = ? AND version = ?")) {
            ps.setString(1, id);
            ps.setString(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** API version → compatibility, per artifact hash, from the reports of approved submissions. */
    private static Map<String, JsonObject> compatibility(Connection c) throws SQLException {
        Map<String, JsonObject> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT sha256, report FROM submissions WHERE status = 'APPROVED'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                JsonObject matrix = new JsonObject(rs.getString(2)).getJsonObject("compatibility", new JsonObject());
                JsonObject summary = new JsonObject();
                for (String api : matrix.fieldNames()) {
                    JsonObject entry = matrix.getJsonObject(api);
                    summary.put(api, new JsonObject().put("compatible", entry.getBoolean("compatible"))
                            .put("missing", entry.getJsonArray("missing", new JsonArray()).size()));
                }
                out.put(rs.getString(1).trim(), summary);
            }
        }
        return out;
    }
}
