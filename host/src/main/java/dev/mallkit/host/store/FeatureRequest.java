package dev.mallkit.host.store;

import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.http.Bodies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A merchant's request to run a plugin on a store: {@code {version, config, order?, enabled?}}, plus
 * {@code pluginId} inside a feature-mix apply body.
 */
public record FeatureRequest(String pluginId, String version, JsonObject config, Integer order, boolean enabled) {
    private static final Set<String> FIELDS = Set.of("version", "config", "order", "enabled");
    private static final Set<String> MIX_FIELDS = Set.of("pluginId", "version", "config", "order", "enabled");

    /** Parses a PUT body for {@code pluginId}. */
    public static FeatureRequest parse(String pluginId, JsonObject body) {
        Bodies.onlyFields(body, FIELDS);
        return read(pluginId, body);
    }

    /** Parses one entry of a feature-mix apply body. */
    public static FeatureRequest parseMixEntry(Object entry) {
        if (!(entry instanceof JsonObject body)) {
            throw new HostError(ErrorCode.FIELD_INVALID, "features must be objects");
        }
        Bodies.onlyFields(body, MIX_FIELDS);
        return read(Bodies.id(body, "pluginId"), body);
    }

    private static FeatureRequest read(String pluginId, JsonObject body) {
        String version = Bodies.string(body, "version");
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new HostError(ErrorCode.FIELD_INVALID, "version must be MAJOR.MINOR.PATCH", new JsonArray().add("version"));
        }
        Object config = body.getValue("config", new JsonObject());
        if (!(config instanceof JsonObject configObject)) {
            throw new HostError(ErrorCode.FIELD_INVALID, "config must be an object", new JsonArray().add("config"));
        }
        Object order = body.getValue("order");
        if (order != null && !(order instanceof Integer || order instanceof Long) || order instanceof Long l && (l > 1_000_000 || l < -1_000_000)) {
            throw new HostError(ErrorCode.FIELD_INVALID, "order must be a whole number", new JsonArray().add("order"));
        }
        Object enabled = body.getValue("enabled", Boolean.TRUE);
        if (!(enabled instanceof Boolean on)) {
            throw new HostError(ErrorCode.FIELD_INVALID, "enabled must be true or false", new JsonArray().add("enabled"));
        }
        return new FeatureRequest(pluginId, version, configObject, order == null ? null : ((Number) order).intValue(), on);
    }
}
