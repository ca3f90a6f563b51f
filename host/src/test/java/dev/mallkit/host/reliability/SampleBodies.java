package dev.mallkit.host.reliability;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Valid request bodies generated from a JSON Schema of the OpenAPI document: required fields only, with
 * values that satisfy the type, enum, pattern and minimum. Field values that must name real objects
 * (stores, members, plugins) come from {@code known}, keyed by field name.
 */
final class SampleBodies {
    private SampleBodies() {
    }

    /** @return a valid instance of {@code schema} */
    static Object valid(Map<String, Object> schema, UnaryOperator<String> known) {
        return value("", schema, known);
    }

    /** @return the schema's object properties (merging allOf), or an empty map */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> properties(Map<String, Object> schema) {
        Map<String, Map<String, Object>> props = new LinkedHashMap<>();
        for (Object part : (List<Object>) schema.getOrDefault("allOf", List.of())) {
            props.putAll(properties((Map<String, Object>) part));
        }
        props.putAll((Map<String, Map<String, Object>>) schema.getOrDefault("properties", Map.of()));
        return props;
    }

    @SuppressWarnings("unchecked")
    static List<String> required(Map<String, Object> schema) {
        List<String> required = new java.util.ArrayList<>((List<String>) schema.getOrDefault("required", List.of()));
        for (Object part : (List<Object>) schema.getOrDefault("allOf", List.of())) {
            required.addAll(required((Map<String, Object>) part));
        }
        return required;
    }

    /** @return the schema's primary type ({@code type: [string, "null"]} is string) */
    static String type(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            return types.stream().map(Object::toString).filter(t -> !t.equals("null")).findFirst().orElse("null");
        }
        if (type == null) {
            return schema.containsKey("properties") || schema.containsKey("allOf") ? "object" : "string";
        }
        return type.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object value(String field, Map<String, Object> schema, UnaryOperator<String> known) {
        String fixed = known.apply(field);
        if (schema.get("enum") instanceof List<?> values) {
            return values.getFirst();
        }
        return switch (type(schema)) {
            case "object" -> {
                JsonObject object = new JsonObject();
                Map<String, Map<String, Object>> props = properties(schema);
                for (String name : required(schema)) {
                    object.put(name, value(name, props.getOrDefault(name, Map.of()), known));
                }
                yield object;
            }
            case "array" -> {
                Map<String, Object> items = (Map<String, Object>) schema.getOrDefault("items", Map.of("type", "string"));
                yield new JsonArray().add(value(field, items, known));
            }
            case "integer", "number" -> {
                long min = schema.get("minimum") instanceof Number n ? n.longValue() : 0;
                yield Math.max(min, 1);
            }
            case "boolean" -> true;
            default -> fixed != null ? fixed : string(schema);
        };
    }

    private static String string(Map<String, Object> schema) {
        String pattern = String.valueOf(schema.getOrDefault("pattern", ""));
        if (pattern.contains("[A-Z]{3}")) {
            return "CNY";
        }
        if (pattern.contains("\\d+\\.\\d+")) {
            return "1.0.0";
        }
        return "sample1";
    }
}
