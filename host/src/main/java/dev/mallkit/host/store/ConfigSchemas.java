package dev.mallkit.host.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A plugin's configuration JSON Schema (draft 2020-12): defaults, validation with JSON paths, and the
 * secret fields ({@code writeOnly: true} or {@code format: password}) that are encrypted and masked.
 */
public final class ConfigSchemas {
    /** What secret values look like in every response. */
    public static final String MASK = "******";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private ConfigSchemas() {
    }

    /** A problem: a JSON path and a sentence. */
    public record Problem(String path, String message) {
        public JsonObject toJson() {
            return new JsonObject().put("path", path).put("message", message);
        }
    }

    /** @return {@code config} with the schema's defaults filled in where a property is absent */
    public static JsonObject withDefaults(String schema, JsonObject config) {
        JsonObject out = config.copy();
        fill(new JsonObject(schema), out);
        return out;
    }

    /** @return the problems of {@code config} against {@code schema}, sorted by path */
    public static List<Problem> validate(String schema, JsonObject config) {
        JsonSchema compiled = CACHE.computeIfAbsent(schema, FACTORY::getSchema);
        JsonNode node = DatabindCodec.mapper().valueToTree(config.getMap());
        List<Problem> problems = new ArrayList<>();
        for (ValidationMessage message : compiled.validate(node)) {
            String path = message.getInstanceLocation().toString();
            if (message.getProperty() != null && ("required".equals(message.getType()) || "additionalProperties".equals(message.getType()))) {
                path = path + "." + message.getProperty();
            }
            problems.add(new Problem(path, message.getMessage()));
        }
        problems.sort(Comparator.comparing(Problem::path));
        return problems;
    }

    /** @return a copy of {@code config} with every secret value passed through {@code transform} */
    public static JsonObject mapSecrets(String schema, JsonObject config, UnaryOperator<Object> transform) {
        JsonObject out = config.copy();
        walkSecrets(new JsonObject(schema), out, transform);
        return out;
    }

    private static void fill(JsonObject schema, JsonObject target) {
        JsonObject properties = schema.getJsonObject("properties");
        if (properties == null) {
            return;
        }
        for (String name : properties.fieldNames()) {
            JsonObject property = properties.getJsonObject(name);
            if (property == null) {
                continue;
            }
            if (!target.containsKey(name) && property.containsKey("default")) {
                Object value = property.getValue("default");
                target.put(name, value instanceof JsonObject o ? o.copy() : value instanceof JsonArray a ? a.copy() : value);
            }
            if (target.getValue(name) instanceof JsonObject nested) {
                fill(property, nested);
            }
        }
    }

    private static void walkSecrets(JsonObject schema, JsonObject target, UnaryOperator<Object> transform) {
        JsonObject properties = schema.getJsonObject("properties");
        if (properties == null) {
            return;
        }
        for (String name : properties.fieldNames()) {
            JsonObject property = properties.getJsonObject(name);
            if (property == null || !target.containsKey(name)) {
                continue;
            }
            Object value = target.getValue(name);
            if (Boolean.TRUE.equals(property.getBoolean("writeOnly")) || "password".equals(property.getString("format"))) {
                if (value != null) {
                    target.put(name, transform.apply(value));
                }
            } else if (value instanceof JsonObject nested) {
                walkSecrets(property, nested, transform);
            }
        }
    }
}
