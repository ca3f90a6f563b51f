package dev.mallkit.host.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.OrderLine;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.membership.MemberState;
import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.host.Mallkit;
import dev.mallkit.testkit.TestContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a script receives: the objects of the documented JSON shapes, built from primitives only. */
class JsArgsTest {

    @TempDir
    static Path dir;
    private static JsEngine engine;
    private static JsPlugin echo;
    private static JsPlugin mutator;
    private static final List<JsPlugin> shapes = new java.util.ArrayList<>();

    /** Each function throws what it was handed after the ctx, and the JavaScript type of each value. */
    private static final String SHAPES = """
            const types = (v) => v === null ? 'null' : Array.isArray(v) ? v.map(types)
                : typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, types(x)]))
                : typeof v + (typeof v === 'number' && !Number.isInteger(v) ? ':fraction' : '');
            const show = (v) => { throw new Error('ARGS ' + JSON.stringify(v) + ' ' + JSON.stringify(types(v)) + ' END'); };
            export function targets(ctx, request) { show(request); }
            export function bind(ctx, request) { show(request); }
            export function commissions(ctx, event, upline) { show(upline); }
            export function limits(config) { return { levels: 1, totalRate: 100 }; }
            export function onOrder() {}
            export function benefits() {}
            export function redeem(ctx, member, request) { show(request); }
            """;

    /** onOrder answers, in its reason, what it was handed and the JavaScript type of each value. */
    private static final String ECHO = """
            const types = (v) => v === null ? 'null' : Array.isArray(v) ? v.map(types)
                : typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, types(x)]))
                : typeof v + (typeof v === 'number' && !Number.isInteger(v) ? ':fraction' : '');
            export function onOrder(ctx, event, member) {
              const frozen = [ctx, event, member, event.amount, ctx.config].some(Object.isFrozen);
              const reason = JSON.stringify([ctx, event, member]) + ' ' + JSON.stringify(types([ctx, event, member])) + ' frozen=' + frozen;
              ctx.config.touched = true;
              event.amount.minor = -1;
              return { points: 0, growth: 0, pointsExpireAt: null, attributes: {}, reason };
            }
            export function benefits() {}
            export function redeem() {}
            """;

    /** onOrder describes its config as it found it, then changes it every way it can, nested parts included. */
    private static final String MUTATOR = """
            export function onOrder(ctx, event, member) {
              const c = ctx.config;
              const reason = JSON.stringify(c) + ' keys=' + Object.keys(c) + ' own=' + Object.getOwnPropertyNames(c)
                  + ' proto=' + (Object.getPrototypeOf(c) === Object.prototype) + ' frozen=' + Object.isFrozen(c)
                  + ' nested=' + (c.nested === undefined ? '-' : Object.isFrozen(c.nested) + ',' + Object.isFrozen(c.list) + ',' + Object.isFrozen(c.nested.deeper.z[0]));
              if (c.nested !== undefined) {
                c.list.push(9);
                c.nested.x = 'changed';
                c.nested.deeper.z[0].q = 2;
                c.nested.deeper.z.length = 0;
              }
              delete c.a;
              c.b = 'written';
              Object.setPrototypeOf(c, null);
              return { points: 0, growth: 0, pointsExpireAt: null, attributes: {}, reason };
            }
            export function benefits() {}
            export function redeem() {}
            """;

    @BeforeAll
    static void load() {
        engine = JsTestPackages.engine();
        echo = new JsPluginLoader(Mallkit.standardPoints(), engine).load(JsTestPackages.write(dir, "echo", "MembershipProgram", ECHO));
        mutator = new JsPluginLoader(Mallkit.standardPoints(), engine).load(JsTestPackages.write(dir, "mutator", "MembershipProgram", MUTATOR));
        for (String point : List.of("LiveJumpProvider", "DistributionScheme", "MembershipProgram")) {
            shapes.add(new JsPluginLoader(Mallkit.standardPoints(), engine).load(JsTestPackages.write(dir, "shapes-" + point.toLowerCase(), point, SHAPES)));
        }
    }

    @AfterAll
    static void close() {
        echo.close();
        mutator.close();
        shapes.forEach(JsPlugin::close);
        engine.close();
    }

    @Test
    void scriptReceivesTheDocumentedShapesInKeyOrderWithNumbersAndStringsAsJsonWouldGiveThem() {
        OrderEvent event = new OrderEvent("o-1", OrderEventType.PAID, 3_000_000_000L, "alice", Money.of(12_000, "CNY"),
                List.of(new OrderLine("sku-1", 2, Money.of(12_000, "CNY"), Set.of("b", "a"))), Instant.parse("2026-11-01T08:00:00.250Z"));
        MemberState member = new MemberState("alice", 9_007_199_254_740_991L, 5, Instant.parse("2026-01-01T00:00:00Z"), Map.of("tier", "gold"));
        var ctx = TestContext.forStore("s1").withConfig(Map.of("pointsPerYuan", 2, "name", "a \"quoted\" ☃"));
        MembershipProgram program = echo.extension(MembershipProgram.class).orElseThrow();

        String reason = program.onOrder(ctx, event, member).reason();

        assertThat(reason).isEqualTo("""
                [{"storeId":"s1","now":"2026-01-01T00:00:00Z","config":%s},\
                {"orderId":"o-1","type":"PAID","seq":3000000000,"memberId":"alice","amount":{"minor":12000,"currency":"CNY"},\
                "lines":[{"sku":"sku-1","quantity":2,"amount":{"minor":12000,"currency":"CNY"},"tags":["a","b"]}],\
                "occurredAt":"2026-11-01T08:00:00.250Z"},\
                {"memberId":"alice","points":9007199254740991,"growth":5,"firstSeen":"2026-01-01T00:00:00Z","attributes":{"tier":"gold"}}] \
                [{"storeId":"string","now":"string","config":%s},\
                {"orderId":"string","type":"string","seq":"number","memberId":"string","amount":{"minor":"number","currency":"string"},\
                "lines":[{"sku":"string","quantity":"number","amount":{"minor":"number","currency":"string"},"tags":["string","string"]}],\
                "occurredAt":"string"},\
                {"memberId":"string","points":"number","growth":"number","firstSeen":"string","attributes":{"tier":"string"}}] frozen=false"""
                .formatted(JsInputs.config(ctx.config()), configTypes(ctx.config())));
    }

    private static String configTypes(PluginConfig config) {
        ObjectNode types = JsInputs.JSON.createObjectNode();
        JsInputs.config(config).properties().forEach(field -> types.put(field.getKey(), field.getValue().isNumber() ? "number" : "string"));
        return types.toString();
    }

    @Test
    void anAttributeNamedProtoArrivesAsAnOwnPropertyAndLinesInOrder() {
        var ctx = TestContext.forStore("s1");
        MemberState member = new MemberState("bob", 0, 0, Instant.parse("2026-01-01T00:00:00Z"), Map.of("__proto__", "x"));
        OrderEvent event = new OrderEvent("o-3", OrderEventType.PAID, 1, "bob", Money.of(100, "CNY"),
                List.of(new OrderLine("a", 1, Money.of(40, "CNY"), Set.of()), new OrderLine("b", 3, Money.of(60, "CNY"), Set.of("t"))),
                Instant.parse("2026-11-01T00:00:00Z"));
        String reason = echo.extension(MembershipProgram.class).orElseThrow().onOrder(ctx, event, member).reason();
        // an assignment would have set the prototype (and dropped the key) where JSON.parse defines a property
        assertThat(reason).contains("\"attributes\":{\"__proto__\":\"x\"}", "\"lines\":[{\"sku\":\"a\",\"quantity\":1,"
                + "\"amount\":{\"minor\":40,\"currency\":\"CNY\"},\"tags\":[]},{\"sku\":\"b\",\"quantity\":3,"
                + "\"amount\":{\"minor\":60,\"currency\":\"CNY\"},\"tags\":[\"t\"]}]");
    }

    @Test
    void aScriptMutatingItsArgumentsChangesNothingForTheNextCall() {
        var ctx = TestContext.forStore("s1").withConfig(Map.of("pointsPerYuan", 1));
        MemberState member = new MemberState("bob", 0, 0, Instant.parse("2026-01-01T00:00:00Z"), Map.of());
        OrderEvent event = new OrderEvent("o-2", OrderEventType.PAID, 1, "bob", Money.of(100, "CNY"), List.of(), Instant.parse("2026-11-01T00:00:00Z"));
        MembershipProgram program = echo.extension(MembershipProgram.class).orElseThrow();
        program.onOrder(ctx, event, member);
        // the echo changes its config and the event after reading them: objects kept between calls would show it here
        assertThat(program.onOrder(ctx, event, member).reason())
                .contains("\"config\":{\"pointsPerYuan\":1}", "\"minor\":100").doesNotContain("touched");
    }

    @Test
    void configsAreFreshMutableObjectsOnEveryCallWhicheverConfigsAlternateOnOneSandbox() {
        var nested = new java.util.LinkedHashMap<String, Object>();
        nested.put("a", 1);
        nested.put("b", "x");
        nested.put("list", List.of(1, 2));
        nested.put("nested", Map.of("x", "y", "deeper", Map.of("z", List.of(Map.of("q", 1)))));
        var odd = new java.util.LinkedHashMap<String, Object>();
        odd.put("__proto__", "p");
        odd.put("toString", "t");
        odd.put("2", 2);
        odd.put("1", 1.5);
        // one store with two configs (a merchant reconfiguring): a store's calls share its sandbox, other stores have their own
        var a = TestContext.forStore("a").withConfig(nested);
        var b = TestContext.forStore("a").withConfig(odd);
        MemberState member = new MemberState("bob", 0, 0, Instant.parse("2026-01-01T00:00:00Z"), Map.of());
        OrderEvent event = new OrderEvent("o-4", OrderEventType.PAID, 1, "bob", Money.of(100, "CNY"), List.of(), Instant.parse("2026-11-01T00:00:00Z"));
        MembershipProgram program = mutator.extension(MembershipProgram.class).orElseThrow();

        List<String> reasons = new java.util.ArrayList<>();
        for (var ctx : List.of(a, a, b, a, b, b, a)) {
            reasons.add(program.onOrder(ctx, event, member).reason());
        }

        String first = "{\"a\":1,\"b\":\"x\",\"list\":[1,2],\"nested\":%s} keys=a,b,list,nested own=a,b,list,nested proto=true frozen=false nested=false,false,false"
                .formatted(JsInputs.JSON.valueToTree(nested.get("nested")));
        // JSON.parse defines __proto__ as an own property and puts integer keys first, as every JavaScript object does
        String second = "{\"1\":1.5,\"2\":2,\"__proto__\":\"p\",\"toString\":\"t\"} keys=1,2,__proto__,toString own=1,2,__proto__,toString proto=true frozen=false nested=-";
        assertThat(reasons).containsExactly(first, first, second, first, second, second, first);
        assertThat(mutator.contextsCreated()).isEqualTo(1);
    }

    @Test
    void requestsAndUplinesArriveAsTheirDocumentedJsonWithNullsForWhatIsAbsent() {
        var ctx = TestContext.forStore("s1");
        var jumps = shapes.get(0).extension(dev.mallkit.api.live.LiveJumpProvider.class).orElseThrow();
        var scheme = shapes.get(1).extension(dev.mallkit.api.distribution.DistributionScheme.class).orElseThrow();
        var program = shapes.get(2).extension(MembershipProgram.class).orElseThrow();
        Instant at = Instant.parse("2026-11-01T08:00:00.250Z");
        OrderEvent event = new OrderEvent("o-5", OrderEventType.PAID, 1, "bob", Money.of(100, "CNY"), List.of(), at);
        MemberState member = new MemberState("bob", 10, 0, Instant.parse("2026-01-01T00:00:00Z"), Map.of());
        var jump = new dev.mallkit.api.live.JumpRequest("room-1", "viewer \"1\"", "sharer", "Tok1");
        var jumpWithoutSharer = new dev.mallkit.api.live.JumpRequest("room-1", "viewer", null, "Tok1");
        var binding = new dev.mallkit.api.distribution.BindingRequest("m1", "r1", "LINK", at, Instant.parse("2025-01-01T00:00:00Z"),
                new dev.mallkit.api.distribution.CurrentBinding("r0", "QR", Instant.parse("2025-06-01T00:00:00.000001Z")));
        var firstBinding = new dev.mallkit.api.distribution.BindingRequest("m1", "r1", "LINK", at, at, null);
        var redemption = new dev.mallkit.api.membership.RedemptionRequest("o-5", 3_000_000_000L, Money.of(12_000, "CNY"));
        var redemptionWithoutAmount = new dev.mallkit.api.membership.RedemptionRequest("o-5", 1, null);

        assertShownAs(() -> jumps.targets(ctx, jump), JsInputs.jump(jump));
        assertShownAs(() -> jumps.targets(ctx, jumpWithoutSharer), JsInputs.jump(jumpWithoutSharer));
        assertShownAs(() -> scheme.bind(ctx, binding), JsInputs.binding(binding));
        assertShownAs(() -> scheme.bind(ctx, firstBinding), JsInputs.binding(firstBinding));
        assertShownAs(() -> scheme.commissions(ctx, event, List.of("u1", "u2")), JsInputs.strings(List.of("u1", "u2")));
        assertShownAs(() -> scheme.commissions(ctx, event, List.of()), JsInputs.strings(List.of()));
        assertShownAs(() -> program.redeem(ctx, member, redemption), JsInputs.redemption(redemption));
        assertShownAs(() -> program.redeem(ctx, member, redemptionWithoutAmount), JsInputs.redemption(redemptionWithoutAmount));
    }

    private static void assertShownAs(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, com.fasterxml.jackson.databind.JsonNode json) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call)
                .hasMessageContaining("ARGS " + json + " " + types(json) + " END");
    }

    /** What the echo's {@code types} answers for the value {@code JSON.parse} makes of {@code json}. */
    private static String types(com.fasterxml.jackson.databind.JsonNode json) {
        if (json.isObject()) {
            ObjectNode types = JsInputs.JSON.createObjectNode();
            json.properties().forEach(field -> types.putRawValue(field.getKey(), new com.fasterxml.jackson.databind.util.RawValue(types(field.getValue()))));
            return types.toString();
        }
        if (json.isArray()) {
            List<String> items = new java.util.ArrayList<>();
            json.forEach(item -> items.add(types(item)));
            return "[" + String.join(",", items) + "]";
        }
        String type = json.isNull() ? "null" : json.isNumber() ? (json.isIntegralNumber() ? "number" : "number:fraction") : json.isTextual() ? "string" : "boolean";
        return "\"" + type + "\"";
    }
}
