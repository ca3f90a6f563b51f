package dev.mallkit.host.store;

import dev.mallkit.host.db.Database;
import dev.mallkit.host.plugins.PluginCatalog;
import dev.mallkit.host.plugins.PublishedVersion;
import dev.mallkit.host.store.FeatureRows.Row;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** A store's features as the contract shows them: version, points, order, status, and the config with secrets masked. */
public final class FeatureView {
    private final Database db;
    private final PluginCatalog catalog;

    public FeatureView(Database db, PluginCatalog catalog) {
        this.db = db;
        this.catalog = catalog;
    }

    /** @return every feature of {@code storeId}, enabled or not */
    public Future<JsonArray> list(String storeId) {
        return db.read(c -> {
            JsonArray out = new JsonArray();
            for (Row row : FeatureRows.list(c, storeId)) {
                out.add(render(c, row));
            }
            return out;
        });
    }

    JsonObject render(Connection c, Row row) throws SQLException {
        Optional<PublishedVersion> published = PluginCatalog.published(c, row.pluginId(), row.version());
        JsonObject out = new JsonObject()
                .put("pluginId", row.pluginId())
                .put("version", row.version())
                .put("extensionPoints", new JsonArray(published.map(p -> p.descriptor().extensionPoints()).orElse(List.of())))
                .put("order", row.order())
                .put("enabled", row.enabled())
                .put("config", published.map(p -> FeatureSecrets.mask(p.descriptor().configSchema(), row.config())).orElse(new JsonObject()));
        if (published.isPresent() && published.get().yanked()) {
            out.put("status", "YANKED").put("statusReason", published.get().reason());
        } else if (catalog.loaded(row.pluginId(), row.version()).isEmpty()) {
            out.put("status", "UNAVAILABLE").put("statusReason", catalog.failure(row.pluginId(), row.version()).orElse("not loaded on this host"));
        } else {
            out.put("status", row.enabled() ? "ACTIVE" : "DISABLED");
        }
        return out;
    }
}
