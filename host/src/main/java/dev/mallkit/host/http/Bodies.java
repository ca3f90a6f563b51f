package dev.mallkit.host.http;

import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks JSON request bodies and path parameters; every problem is a 4xx {@link dev.mallkit.host.error.HostError}. */
public final class Bodies {
    /** Ids of tenants, stores, members, orders: what fits in URLs and keys without escaping. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MAX_DEPTH = 32;

    private Bodies() {
    }

    /** @return the JSON object body; 415 without a JSON content type, 400 when malformed or too deep */
    public static JsonObject object(RoutingContext ctx) {
        String type = ctx.request().getHeader("content-type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new HostError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json");
        }
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw new HostError(ErrorCode.MALFORMED_JSON, "the body is empty; a JSON object is required");
        }
        checkDepth(text);
        Object parsed;
        try {
            parsed = io.vertx.core.json.Json.decodeValue(text);
        } catch (DecodeException e) {
            throw new HostError(ErrorCode.MALFORMED_JSON, "the body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw new HostError(ErrorCode.MALFORMED_JSON, "the body must be a JSON object");
        }
        checkText(object);
        return object;
    }

    /** Refuses fields not in {@code allowed}, so a typo never passes silently. */
    public static void onlyFields(JsonObject body, Set<String> allowed) {
        for (String field : body.fieldNames()) {
            if (!allowed.contains(field)) {
                JsonArray unknown = new JsonArray();
                body.fieldNames().stream().filter(f -> !allowed.contains(f)).sorted().forEach(unknown::add);
                throw new HostError(ErrorCode.UNKNOWN_FIELD, "unknown fields: " + unknown.encode(), unknown);
            }
        }
    }

    /** @return the required string field, 400 when missing or of another type */
    public static String string(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            throw new HostError(ErrorCode.FIELD_REQUIRED, field + " is required", new JsonArray().add(field));
        }
        if (!(value instanceof String s)) {
            throw new HostError(ErrorCode.FIELD_INVALID, field + " must be a string", new JsonArray().add(field));
        }
        return s;
    }

    /** @return the required id field, checked against {@link #ID} */
    public static String id(JsonObject body, String field) {
        return checkId(string(body, field), field);
    }

    /** @return the required currency field: an ISO 4217 code, else 400 naming it */
    public static String currency(JsonObject body, String field) {
        String value = string(body, field);
        if (!CURRENCY.matcher(value).matches()) {
            throw new HostError(ErrorCode.FIELD_INVALID, field + " must be an ISO 4217 code such as CNY", new JsonArray().add(field));
        }
        return value;
    }

    /** @return the required name field: 1-200 characters, no control characters */
    public static String name(JsonObject body, String field) {
        String value = string(body, field).strip();
        if (value.isEmpty() || value.length() > 200 || value.codePoints().anyMatch(Character::isISOControl)) {
            throw new HostError(ErrorCode.FIELD_INVALID, field + " must be 1-200 printable characters", new JsonArray().add(field));
        }
        return value;
    }

    /** @return the path parameter, checked against {@link #ID}; 404 when it cannot be an id */
    public static String pathId(RoutingContext ctx, String param) {
        String value = ctx.pathParam(param);
        if (value == null || !ID.matcher(value).matches()) {
            throw HostError.notFound(param + " '" + truncate(value) + "'");
        }
        return value;
    }

    /** @return {@code value} when it is a valid id, else 400 naming {@code field} */
    public static String checkId(String value, String field) {
        if (!ID.matcher(value).matches()) {
            throw new HostError(ErrorCode.FIELD_INVALID, field + " must match " + ID.pattern(), new JsonArray().add(field));
        }
        return value;
    }

    private static String truncate(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }

    /**
     * Refuses lone surrogates and NUL in any key or string: they are not text, databases store them as '?'
     * or refuse them, and no field of the API has a use for them.
     */
    private static void checkText(Object value) {
        if (value instanceof JsonObject object) {
            for (var entry : object) {
                checkString(entry.getKey());
                checkText(entry.getValue());
            }
        } else if (value instanceof JsonArray array) {
            array.forEach(Bodies::checkText);
        } else if (value instanceof String string) {
            checkString(string);
        }
    }

    private static void checkString(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lone = Character.isHighSurrogate(c)
                    ? i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(++i))
                    : Character.isLowSurrogate(c);
            if (lone || c == 0) {
                throw new HostError(ErrorCode.MALFORMED_JSON, "the body holds a NUL or an unpaired surrogate, which is not text");
            }
        }
    }

    private static void checkDepth(String text) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new HostError(ErrorCode.MALFORMED_JSON, "the body nests deeper than " + MAX_DEPTH + " levels");
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }
}
