package dev.mallkit.host.plugins;

import dev.mallkit.api.PluginDescriptor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** JSON form of {@link PluginDescriptor}, where {@code configSchema} is an object. */
public final class Descriptors {
    private Descriptors() {
    }

    public static JsonObject toJson(PluginDescriptor d) {
        return new JsonObject()
                .put("id", d.id())
                .put("version", d.version())
                .put("provider", d.provider())
                .put("requires", d.requires())
                .put("extensionPoints", new JsonArray(d.extensionPoints()))
                .put("configSchema", new JsonObject(d.configSchema()))
                .put("description", d.description())
                .put("dependencies", new JsonArray(d.dependencies()));
    }

    public static PluginDescriptor fromJson(JsonObject json) {
        Object schema = json.getValue("configSchema");
        return new PluginDescriptor(
                json.getString("id"),
                json.getString("version"),
                json.getString("provider"),
                json.getString("requires"),
                strings(json.getJsonArray("extensionPoints")),
                schema instanceof JsonObject o ? o.encode() : String.valueOf(schema),
                json.getString("description", ""),
                strings(json.getJsonArray("dependencies", new JsonArray())));
    }

    private static List<String> strings(JsonArray array) {
        return array == null ? List.of() : array.stream().map(String::valueOf).toList();
    }
}
