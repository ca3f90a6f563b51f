package dev.mallkit.host.js;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.Money;
import dev.mallkit.api.PluginException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A value a script returned, read strictly: every integer must be a JSON integer within
 * JavaScript's safe range (so no float or rounded number ever becomes money), and anything
 * malformed is refused with {@code BAD_DECISION} naming the path.
 */
final class JsResult {

    /** 2^53 - 1: beyond it a JavaScript number no longer holds every integer. */
    static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    private final String path;
    private final JsonNode node;

    private JsResult(String path, JsonNode node) {
        this.path = path;
        this.node = node;
    }

    /** Parses the JSON a call returned, refusing text beyond {@code maxChars}. */
    static JsResult parse(String function, String json, int maxChars) {
        if (json.length() > maxChars) {
            throw new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "RESULT_TOO_LARGE",
                    function + " returned " + json.length() + " characters of JSON, more than " + maxChars);
        }
        try {
            return new JsResult(function, StringifiedJson.read(json));
        } catch (JsonProcessingException e) {
            throw bad(function, "is not JSON");
        }
    }

    /** Builds a record, turning its constructor's refusal into {@code BAD_DECISION}. */
    <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
            throw bad(path, e.getMessage());
        }
    }

    JsResult field(String name) {
        return new JsResult(path + "." + name, node.path(name));
    }

    JsResult object() {
        if (!node.isObject()) {
            throw bad(path, "must be an object");
        }
        return this;
    }

    List<JsResult> items() {
        if (!node.isArray()) {
            throw bad(path, "must be an array");
        }
        List<JsResult> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new JsResult(path + "[" + i + "]", node.get(i)));
        }
        return items;
    }

    boolean isNull() {
        return node.isNull() || node.isMissingNode();
    }

    long integer() {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || Math.abs(node.asLong()) > MAX_SAFE_INTEGER) {
            throw bad(path, "must be a safe integer, was " + describe());
        }
        return node.asLong();
    }

    int intValue() {
        long value = integer();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw bad(path, "is out of range");
        }
        return (int) value;
    }

    boolean bool() {
        if (!node.isBoolean()) {
            throw bad(path, "must be true or false, was " + describe());
        }
        return node.asBoolean();
    }

    String text() {
        if (!node.isTextual()) {
            throw bad(path, "must be a string, was " + describe());
        }
        return node.asText();
    }

    String textOrNull() {
        return isNull() ? null : text();
    }

    Money money() {
        object();
        return build(() -> new Money(field("minor").integer(), field("currency").text()));
    }

    Instant instantOrNull() {
        String text = textOrNull();
        try {
            return text == null ? null : JsInstants.parse(text);
        } catch (DateTimeParseException e) {
            throw bad(path, "must be an ISO-8601 instant, was " + text);
        }
    }

    Duration duration() {
        String text = text();
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw bad(path, "must be an ISO-8601 duration such as P7D, was " + text);
        }
    }

    /** @return the string-to-string object, or an empty map when absent */
    Map<String, String> stringMap() {
        Map<String, String> values = new LinkedHashMap<>();
        if (!isNull()) {
            object();
            node.fieldNames().forEachRemaining(name -> values.put(name, field(name).text()));
        }
        return values;
    }

    /** @return the array of strings, or an empty list when absent */
    List<String> strings() {
        return isNull() ? List.of() : items().stream().map(JsResult::text).toList();
    }

    private String describe() {
        String text = node.isMissingNode() ? "missing" : node.toString();
        return JsErrors.truncate(text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }

    static PluginException bad(String path, String message) {
        return new PluginException(ErrorCategory.INTERNAL_ERROR, "BAD_DECISION", path + " " + message);
    }
}
