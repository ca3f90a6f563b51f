package dev.mallkit.host.js;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;

/**
 * Reads the text {@code JSON.stringify} writes (no whitespace, numbers as JavaScript prints them) into the tree
 * Jackson's {@code readTree} would give for it: the same node classes ({@code IntNode}, {@code LongNode},
 * {@code BigIntegerNode}, {@code DoubleNode}...), values and field order. It skips Jackson's per-call set-up, which
 * took as long as the guest's {@code JSON.stringify} in the profile. Any text outside that grammar goes to
 * {@code readTree} itself, so the answer never differs, only its cost.
 */
final class StringifiedJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Thrown (without a stack) where the text leaves the grammar {@code JSON.stringify} writes. */
    private static final class NotStringified extends RuntimeException {
        NotStringified() {
            super(null, null, false, false);
        }
    }

    private static final NotStringified NOT_STRINGIFIED = new NotStringified();

    /** Deeper nesting goes to Jackson, which reads without recursion and applies its own nesting limit. */
    private static final int MAX_DEPTH = 64;

    private final String text;
    private int at;
    private int depth;

    private StringifiedJson(String text) {
        this.text = text;
    }

    /** @return the tree of {@code json}, as {@code readTree} gives it */
    static JsonNode read(String json) throws JsonProcessingException {
        try {
            StringifiedJson reader = new StringifiedJson(json);
            JsonNode node = reader.value();
            if (reader.at == json.length()) {
                return node;
            }
        } catch (NotStringified | IndexOutOfBoundsException e) {
            // fall through to Jackson
        }
        return JsInputs.JSON.readTree(json);
    }

    private JsonNode value() {
        char c = text.charAt(at);
        if ((c == '{' || c == '[') && ++depth > MAX_DEPTH) {
            throw NOT_STRINGIFIED;
        }
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return NODES.textNode(string());
            case 't':
                return literal("true", NODES.booleanNode(true));
            case 'f':
                return literal("false", NODES.booleanNode(false));
            case 'n':
                return literal("null", NODES.nullNode());
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw NOT_STRINGIFIED;
        }
    }

    private ObjectNode object() {
        ObjectNode object = NODES.objectNode();
        at++;
        if (text.charAt(at) == '}') {
            at++;
            depth--;
            return object;
        }
        while (true) {
            if (text.charAt(at) != '"') {
                throw NOT_STRINGIFIED;
            }
            String name = string();
            expect(':');
            object.replace(name, value());
            char c = text.charAt(at++);
            if (c == '}') {
                depth--;
                return object;
            }
            if (c != ',') {
                throw NOT_STRINGIFIED;
            }
        }
    }

    private ArrayNode array() {
        ArrayNode array = NODES.arrayNode();
        at++;
        if (text.charAt(at) == ']') {
            at++;
            depth--;
            return array;
        }
        while (true) {
            array.add(value());
            char c = text.charAt(at++);
            if (c == ']') {
                depth--;
                return array;
            }
            if (c != ',') {
                throw NOT_STRINGIFIED;
            }
        }
    }

    /** A string from its opening quote: a plain substring unless it holds an escape. */
    private String string() {
        int start = ++at;
        for (int i = start; ; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                at = i + 1;
                return text.substring(start, i);
            }
            if (c == '\\') {
                return escaped(start, i);
            }
            if (c < 0x20) {
                throw NOT_STRINGIFIED;
            }
        }
    }

    private String escaped(int start, int from) {
        StringBuilder value = new StringBuilder(from - start + 16).append(text, start, from);
        for (int i = from; ; ) {
            char c = text.charAt(i++);
            if (c == '"') {
                at = i;
                return value.toString();
            }
            if (c < 0x20) {
                throw NOT_STRINGIFIED;
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char e = text.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> value.append(e);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        int digit = hex(text.charAt(i++));
                        if (digit < 0) {
                            throw NOT_STRINGIFIED;
                        }
                        code = code * 16 + digit;
                    }
                    value.append((char) code);
                }
                default -> throw NOT_STRINGIFIED;
            }
        }
    }

    /** {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}: an int, long or BigInteger when integral, else a double. */
    private JsonNode number() {
        int start = at;
        int i = at;
        if (text.charAt(i) == '-') {
            i++;
        }
        int digits = i;
        i = digits(i);
        if (i == digits || (text.charAt(digits) == '0' && i - digits > 1)) {
            throw NOT_STRINGIFIED;
        }
        boolean integral = true;
        if (i < text.length() && text.charAt(i) == '.') {
            integral = false;
            int fraction = i + 1;
            i = digits(fraction);
            if (i == fraction) {
                throw NOT_STRINGIFIED;
            }
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            integral = false;
            i++;
            if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = i;
            i = digits(exponent);
            if (i == exponent) {
                throw NOT_STRINGIFIED;
            }
        }
        at = i;
        if (!integral) {
            return NODES.numberNode(Double.parseDouble(text.substring(start, i)));
        }
        // as Jackson sizes integers: int when it fits, then long, then BigInteger
        if (i - digits <= 18) {
            long value = Long.parseLong(text, start, i, 10);
            return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
        }
        BigInteger value = new BigInteger(text.substring(start, i));
        return value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
    }

    /** Only the ASCII hex digits ({@link Character#digit} would take other scripts' digits too). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private int digits(int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private JsonNode literal(String word, JsonNode node) {
        if (!text.startsWith(word, at)) {
            throw NOT_STRINGIFIED;
        }
        at += word.length();
        return node;
    }

    private void expect(char c) {
        if (text.charAt(at++) != c) {
            throw NOT_STRINGIFIED;
        }
    }
}
