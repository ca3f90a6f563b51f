package dev.mallkit.host.reliability;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bad request bodies derived from a valid one and its schema: malformed JSON, wrong top-level shapes, each
 * required field missing, an extra field, each field of a wrong type, deep nesting, a body over the limit,
 * odd Unicode in every string field and SQL or path metacharacters in every id field.
 */
final class BadBodies {
    /** Strings no field of the API accepts. Raw JSON text, so lone surrogates survive the encoding. */
    static final List<String> ODD_STRINGS = List.of("\"\\ud800\"", "\"a\\udc00b\"", "\"a\\u0000b\"");
    /** Strings no id accepts (free text may carry emoji or right-to-left text, ids never). */
    static final List<String> ODD_IDS = List.of("\"\u202Eevil\"", "\"a\u200Fb\"", "\"\uD83D\uDE00\"", "\"' OR '1'='1\"",
            "\"a;DROP TABLE stores\"", "\"../../etc/passwd\"", "\"a%2F..\"", "\"a b\"", "\"\"");

    /** One bad body, named for the report. */
    record Bad(String name, String json) {
    }

    private BadBodies() {
    }

    static List<Bad> of(Map<String, Object> schema, JsonObject valid, long bodyLimit) {
        List<Bad> bad = new ArrayList<>();
        bad.add(new Bad("malformed", "{\"a\":"));
        bad.add(new Bad("array", "[]"));
        bad.add(new Bad("string", "\"x\""));
        bad.add(new Bad("null", "null"));
        bad.add(new Bad("empty", ""));
        bad.add(new Bad("trailing garbage", valid.encode() + "}"));
        bad.add(new Bad("deep nesting", "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
        bad.add(new Bad("huge", "{\"x\":\"" + "a".repeat((int) bodyLimit + 10) + "\"}"));
        bad.add(new Bad("extra field", valid.copy().put("unexpectedField", 1).encode()));
        for (String field : SampleBodies.required(schema)) {
            JsonObject missing = valid.copy();
            missing.remove(field);
            bad.add(new Bad("missing " + field, missing.encode()));
        }
        SampleBodies.properties(schema).forEach((field, property) -> {
            List<Object> wrongs = new ArrayList<>(wrongTypes(SampleBodies.type(property)));
            if (property.get("minimum") instanceof Number min) {
                wrongs.add(min.longValue() - 1);
            }
            for (Object wrong : wrongs) {
                bad.add(new Bad(field + " as " + wrong, valid.copy().put(field, wrong).encode()));
            }
            if ("string".equals(SampleBodies.type(property)) && !property.containsKey("enum")) {
                List<String> odd = new ArrayList<>(ODD_STRINGS);
                if (property.containsKey("pattern")) {
                    odd.addAll(ODD_IDS);
                }
                for (String text : odd) {
                    bad.add(new Bad(field + " = " + text, replace(valid.copy().put(field, "__ODD__"), text)));
                }
            }
        });
        return bad;
    }

    private static String replace(JsonObject body, String rawJsonString) {
        return body.encode().replace("\"__ODD__\"", rawJsonString);
    }

    private static List<Object> wrongTypes(String type) {
        return switch (type) {
            case "string" -> List.of(12345, new JsonObject().put("x", 1), new JsonArray().add("x"), true);
            case "integer" -> List.of("12", 1.5, 1e300, new java.math.BigInteger("92233720368547758070"), new JsonArray());
            case "number" -> List.of("12", new JsonArray());
            case "array" -> List.of("x", new JsonObject(), 1, new JsonArray().add(new JsonArray().add(1)));
            case "object" -> List.of("x", new JsonArray().add(1), 1);
            case "boolean" -> List.of("yes", 1);
            default -> List.of();
        };
    }
}
