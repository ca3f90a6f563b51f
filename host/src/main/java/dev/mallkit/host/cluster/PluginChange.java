package dev.mallkit.host.cluster;

import io.vertx.core.json.JsonObject;

import static java.util.Objects.requireNonNull;

/**
 * What {@link PluginSync#CHANGED} carries: a plugin version was installed on one host (every host loads
 * the artifact with this hash), or yanked or uninstalled (every host drops the store mixes that use it, unloads the
 * version and deletes its package).
 *
 * @param pluginId the plugin id
 * @param version  the version
 * @param sha256   lower-case hex SHA-256 of the artifact
 * @param action   installed, yanked or uninstalled
 */
public record PluginChange(String pluginId, String version, String sha256, Action action) {
    /** What happened to the version. */
    public enum Action {
        INSTALLED, YANKED, UNINSTALLED
    }

    public PluginChange {
        requireNonNull(pluginId, "pluginId is null");
        requireNonNull(version, "version is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(action, "action is null");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
        }
    }

    /** @return the event-bus body */
    public JsonObject toJson() {
        return new JsonObject().put("pluginId", pluginId).put("version", version).put("sha256", sha256)
                .put("action", action.name().toLowerCase());
    }

    /** @return the change a body describes; IllegalArgumentException when it is malformed */
    public static PluginChange fromJson(JsonObject body) {
        try {
            return new PluginChange(body.getString("pluginId"), body.getString("version"), body.getString("sha256"),
                    Action.valueOf(body.getString("action", "").toUpperCase()));
        } catch (NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException("malformed plugin change: " + body.encode(), e);
        }
    }
}
