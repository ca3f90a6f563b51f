package dev.mallkit.host.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/** The host's reader of {@code JSON.stringify}'s text gives exactly the tree of Jackson's {@code readTree}. */
class StringifiedJsonTest {

    /** Random values of every kind JSON has, with the strings and numbers where printing and reading differ most. */
    private static final String CORPUS = """
            (() => {
              let seed = 42;
              const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
              const pick = (items) => items[Math.floor(random() * items.length)];
              const chars = ['a', 'Z', '0', ' ', '"', '\\\\', '/', '\\n', '\\r', '\\t', '\\b', '\\f', '\\u0000', '\\u001f', '\\u007f',
                             'é', '☃', '\\u2028', '\\ud83d\\ude00', '\\ud800', '\\udfff', '\\ufeff', '０'];
              const numbers = [0, -0, 1, -1, 7, 2147483647, 2147483648, -2147483648, -2147483649, 9007199254740991, 2 ** 53,
                               -(2 ** 53), 2 ** 63, -(2 ** 63), 2 ** 64, 1e20, 1e21, 1e-7, 123e-20, 0.1, 1.5, -1.5, 1 / 3,
                               Number.MAX_VALUE, Number.MIN_VALUE, -Number.MAX_VALUE, 4294967295, 999999999999999999999,
                               NaN, Infinity, -Infinity];
              const string = () => { let s = ''; for (let n = Math.floor(random() * 6); n > 0; n--) s += pick(chars); return s; };
              const value = (depth) => {
                const kind = Math.floor(random() * (depth > 3 ? 5 : 7));
                switch (kind) {
                  case 0: return pick(numbers);
                  case 1: return Math.floor((random() - 0.5) * 2 ** (random() * 70));
                  case 2: return string();
                  case 3: return pick([true, false, null, undefined]);
                  case 4: return (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20);
                  case 5: { const a = []; for (let n = Math.floor(random() * 4); n > 0; n--) a.push(value(depth + 1)); return a; }
                  default: { const o = {}; for (let n = Math.floor(random() * 4); n > 0; n--) o[pick([string(), String(n), '__proto__'])] = value(depth + 1); return o; }
                }
              };
              const texts = [];
              for (let i = 0; i < 3000; i++) {
                texts.push(JSON.stringify(value(0)) ?? 'null');
              }
              const deep = (n) => n === 0 ? 1 : [deep(n - 1)];
              texts.push(JSON.stringify(deep(70)), JSON.stringify({ a: deep(63) }), JSON.stringify([]), JSON.stringify({}));
              return texts;
            })()
            """;

    @Test
    void everyTextJsonStringifyWritesReadsAsReadTreeReadsIt() throws Exception {
        List<String> texts = new ArrayList<>();
        try (JsEngine engine = JsTestPackages.engine(); Context context = engine.newContext()) {
            Value corpus = context.eval("js", CORPUS);
            for (long i = 0; i < corpus.getArraySize(); i++) {
                texts.add(corpus.getArrayElement(i).asString());
            }
        }
        assertThat(texts).hasSizeGreaterThan(3000).anyMatch(t -> t.contains("\\ud800")).anyMatch(t -> t.contains("e+21"))
                .anyMatch(t -> t.contains("e-7")).anyMatch(t -> t.contains("18446744073709552000"));
        for (String text : texts) {
            assertSameTree(text, StringifiedJson.read(text), JsInputs.JSON.readTree(text));
        }
    }

    @Test
    void textOutsideStringifysGrammarIsReadTreesAnswer() throws Exception {
        for (String text : List.of(" {\"a\": 1}", "{\"a\":1} ", "[1 ,2]", "{\"a\":1,\"a\":2}", "1.0", "-0", "1E5",
                "\"\\u00e9\"", "\"\\u00E9\"", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                "[1,2]x", "[1,2] ", "{}", "[]", "[[[]]]", "\"\\/\"")) {
            assertSameTree(text, StringifiedJson.read(text), JsInputs.JSON.readTree(text));
        }
    }

    @Test
    void malformedTextIsRefusedAsReadTreeRefusesIt() {
        for (String text : List.of("{", "[1,", "\"open", "{\"a\"}", "[1,]", "\"\\x\"", "\"\\u12g4\"", "\"\\u０000\"", "tru", "nul", "-",
                "1.", "1e", "01", "[01]", "\"\u0001\"")) {
            assertThatThrownBy(() -> JsInputs.JSON.readTree(text)).as(text).isInstanceOf(JsonProcessingException.class);
            assertThatThrownBy(() -> StringifiedJson.read(text)).as(text).isInstanceOf(JsonProcessingException.class);
        }
    }

    private static void assertSameTree(String text, JsonNode actual, JsonNode expected) {
        assertThat(actual).as(text).isEqualTo(expected);
        assertThat(actual.getClass()).as(text).isEqualTo(expected.getClass());
        if (expected.isObject()) {
            List<String> names = new ArrayList<>();
            actual.fieldNames().forEachRemaining(names::add);
            List<String> expectedNames = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedNames::add);
            assertThat(names).as(text).isEqualTo(expectedNames);
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                assertSameTree(text, actual.get(field.getKey()), field.getValue());
            }
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                assertSameTree(text, actual.get(i), expected.get(i));
            }
        }
    }
}
