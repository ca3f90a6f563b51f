package dev.mallkit.host.marketplace;

import dev.mallkit.host.auth.Principal;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.http.ApiError;
import dev.mallkit.host.plugins.Descriptors;
import dev.mallkit.host.plugins.PluginCatalog;
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

/** The published catalog as every role sees it, and yanking a version everywhere. */
final class MarketCatalog {
    private final Database db;
    private final PluginCatalog catalog;
    private final FeatureMix mix;
    private final AuditLog audit;

    MarketCatalog(Database db, PluginCatalog catalog, FeatureMix mix, AuditLog audit) {
        this.db = db;
        this.catalog = catalog;
        this.mix = mix;
        this.audit = audit;
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

    /** Marks (id, version) YANKED with the reason and drops every store's snapshot on every host. */
    Future<JsonObject> yank(Principal admin, String id, String version, String reason) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE plugin_versions SET status = 'YANKED', status_reason = ? "
                    + "WHERE plugin_id = ? AND version = ? AND status <> 'YANKED'")) {
                ps.setString(1, reason);
                ps.setString(2, id);
                ps.setString(3, version);
                if (ps.executeUpdate() == 0) {
                    throw PluginCatalog.published(c, id, version).isPresent()
                            ? ApiError.conflict("ALREADY_YANKED", id + " " + version + " is already yanked")
                            : new ApiError(404, "PLUGIN_NOT_FOUND", "plugin " + id + " " + version + " is not published");
                }
            }
            audit.record(c, admin, "YANK", "plugin:" + id + "@" + version, reason);
            return new JsonObject().put("pluginId", id).put("version", version).put("status", "YANKED").put("statusReason", reason);
        }).onSuccess(v -> mix.changed("*"));
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
