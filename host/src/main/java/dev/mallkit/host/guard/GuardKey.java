package dev.mallkit.host.guard;

import static java.util.Objects.requireNonNull;

/**
 * What a guard isolates: one plugin version serving one store. Each key has its own time budget,
 * bulkhead and circuit breaker, so a plugin failing for one store never starves another store or plugin.
 *
 * @param pluginId the plugin id
 * @param version  the plugin version
 * @param storeId  the store the call serves
 */
public record GuardKey(String pluginId, String version, String storeId) {
    public GuardKey {
        requireNonNull(pluginId, "pluginId is null");
        requireNonNull(version, "version is null");
        requireNonNull(storeId, "storeId is null");
    }

    @Override
    public String toString() {
        return pluginId + "@" + version + " for store " + storeId;
    }
}
