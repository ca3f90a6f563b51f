package dev.mallkit.host.store;

import io.vertx.core.json.JsonObject;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One plugin in a store's mix, as stored.
 *
 * @param pluginId        the plugin
 * @param version         the pinned version
 * @param extensionPoints the points it serves
 * @param order           position among additive providers (lower first)
 * @param enabled         whether the store runs it
 * @param config          the configuration, secrets decrypted
 */
public record Feature(String pluginId, String version, List<String> extensionPoints, int order, boolean enabled, JsonObject config) {
    public Feature {
        requireNonNull(pluginId, "pluginId is null");
        requireNonNull(version, "version is null");
        extensionPoints = List.copyOf(extensionPoints);
        requireNonNull(config, "config is null");
    }
}
