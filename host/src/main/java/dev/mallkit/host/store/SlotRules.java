package dev.mallkit.host.store;

import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.kernel.ExtensionPoints;
import dev.mallkit.host.plugins.PluginCatalog;
import dev.mallkit.host.plugins.PublishedVersion;
import dev.mallkit.host.store.FeatureRows.Row;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a store's mix must keep true whatever the plugins say: one plugin per exclusive slot (the slot kind is the
 * extension point's, see {@link dev.mallkit.api.Slot}), and a plugin's dependencies enabled before it and disabled
 * after it. The caller holds the store's lock.
 */
final class SlotRules {
    private final ExtensionPoints points;

    SlotRules(ExtensionPoints points) {
        this.points = points;
    }

    /** Refuses enabling {@code descriptor} next to the store's other enabled features {@code rows}. */
    void checkEnable(Connection c, List<Row> rows, PluginDescriptor descriptor) throws SQLException {
        Map<String, PluginDescriptor> enabled = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.enabled() && !row.pluginId().equals(descriptor.id())) {
                enabled.put(row.pluginId(), descriptor(c, row));
            }
        }
        for (String point : descriptor.extensionPoints()) {
            if (!points.exclusive(point)) {
                continue;
            }
            for (PluginDescriptor other : enabled.values()) {
                if (other.extensionPoints().contains(point)) {
                    throw new HostError(ErrorCode.SLOT_TAKEN, point + " is exclusive and the store already runs " + other.id()
                            + "; disable it first", new JsonArray().add(new JsonObject().put("extensionPoint", point).put("pluginId", other.id())));
                }
            }
        }
        for (String dependency : descriptor.dependencies()) {
            if (!enabled.containsKey(dependency)) {
                throw new HostError(ErrorCode.DEPENDENCY_MISSING, descriptor.id() + " requires " + dependency + " to be enabled on this store first",
                        new JsonArray().add(dependency));
            }
        }
    }

    /** Refuses disabling {@code pluginId} while another enabled feature of the store depends on it. */
    void checkDisable(Connection c, String storeId, String pluginId) throws SQLException {
        for (Row other : FeatureRows.list(c, storeId)) {
            if (other.enabled() && !other.pluginId().equals(pluginId) && descriptor(c, other).dependencies().contains(pluginId)) {
                throw new HostError(ErrorCode.DEPENDENCY_REQUIRED, other.pluginId() + " depends on " + pluginId + "; disable it first");
            }
        }
    }

    private static PluginDescriptor descriptor(Connection c, Row row) throws SQLException {
        return PluginCatalog.published(c, row.pluginId(), row.version()).map(PublishedVersion::descriptor)
                .orElseThrow(() -> new IllegalStateException("store feature " + row.pluginId() + " " + row.version() + " has no published version"));
    }
}
