package dev.mallkit.host.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallkit.api.PluginException;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.host.Mallkit;
import dev.mallkit.testkit.TestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the host makes of the values a script returns, whatever object kinds it builds them from: they are read as
 * {@code JSON.stringify} would write them ({@code toJSON}, boxed primitives, dropped functions, own enumerable
 * properties only), guest code that runs while reading them (getters, proxy traps) is the plugin's and runs
 * within its budget, and anything malformed is refused with the same codes.
 */
class JsReturnedValuesTest {

    @TempDir
    static Path dir;
    private static JsEngine engine;
    private static JsPlugin plugin;
    private static LiveJumpProvider provider;

    /** {@code targets} returns the case named by {@code ctx.config.case}, each one target built differently. */
    private static final String CASES = """
            const target = (fields) => [Object.assign({ id: 'p', type: 'SHOWCASE_PRODUCT', label: 'l', attributes: {}, labels: [] }, fields)];
            const cases = {
              plain: () => target({ attributes: { b: '2', a: '1', 10: 'ten', 2: 'two' }, labels: ['x', 'y'] }),
              date: () => target({ label: new Date(Date.UTC(2026, 10, 21, 10, 0, 0, 123)) }),
              ownToJSON: () => target({ attributes: { toJSON: () => ({ via: 'toJSON' }) } }),
              boxed: () => target({ label: new String('boxed'), labels: [new String('s')] }),
              dropped: () => target({ attributes: { kept: 'k', f: () => 1, u: undefined, s: Symbol('s') } }),
              getter: () => target({ attributes: { get computed() { return 'by getter'; } } }),
              proxy: () => [new Proxy({ id: 'p', type: 'SHOWCASE_PRODUCT', label: 'l', attributes: {}, labels: [] },
                                      { get: (t, k) => (k === 'label' ? 'trapped' : t[k]) })],
              inherited: () => [Object.assign(Object.create({ label: 'inherited' }), { id: 'p', type: 'SHOWCASE_PRODUCT', attributes: {}, labels: [] })],
              hidden: () => [Object.defineProperty({ id: 'p', type: 'SHOWCASE_PRODUCT', attributes: {}, labels: [] }, 'label', { value: 'hidden', enumerable: false })],
              undefinedResult: () => undefined,
              functionResult: () => () => 1,
              nanLabel: () => target({ label: NaN }),
              numberLabel: () => target({ label: 12 }),
              nullInLabels: () => target({ labels: ['a', undefined] }),
              bigint: () => target({ attributes: { n: 1n } }),
              bigintUnread: () => target({ extra: 1n }),
              cycle: () => { const t = target({})[0]; t.extra = t; return [t]; },
              throwingGetter: () => target({ get extra() { throw new Error('getter failed'); } }),
              loopingGetter: () => target({ get extra() { for (;;) {} } }),
              throwingTrap: () => [new Proxy({}, { ownKeys: () => { throw new Error('trap failed'); } })],
              huge: () => target({ extra: 'x'.repeat(70000) }),
              escapes: () => target({ label: 'a"b\\\\c\\n\\u0001\\ud800 ☃' }),
              promise: () => Promise.resolve(target({})),
            };
            export function targets(ctx, request) {
              return cases[ctx.config.case]();
            }
            """;

    @BeforeAll
    static void load() {
        engine = new JsEngine(JsLimits.defaults().withStatementLimit(100_000).withTimeBudget(java.time.Duration.ofSeconds(10)));
        plugin = new JsPluginLoader(Mallkit.standardPoints(), engine).load(JsTestPackages.write(dir, "returns", "LiveJumpProvider", CASES));
        provider = plugin.extension(LiveJumpProvider.class).orElseThrow();
    }

    @AfterAll
    static void close() {
        plugin.close();
        engine.close();
    }

    private static List<JumpTarget> run(String name) {
        return provider.targets(TestContext.forStore("s1").withConfig(Map.of("case", name)), JsTestPackages.REQUEST);
    }

    private static JumpTarget one(String name) {
        return run(name).getFirst();
    }

    private static void refused(String name, String code, String message) {
        assertThatThrownBy(() -> run(name)).as(name)
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void plainValuesArriveAsWritten() {
        JumpTarget target = one("plain");
        assertThat(target.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2", "10", "ten", "2", "two"));
        assertThat(target.labels()).containsExactly("x", "y");
    }

    @Test
    void objectsAreReadAsJsonStringifyWritesThem() {
        assertThat(one("date").label()).isEqualTo("2026-11-21T10:00:00.123Z");
        assertThat(one("ownToJSON").attributes()).isEqualTo(Map.of("via", "toJSON"));
        assertThat(one("boxed").label()).isEqualTo("boxed");
        assertThat(one("boxed").labels()).containsExactly("s");
        assertThat(one("dropped").attributes()).isEqualTo(Map.of("kept", "k"));
        assertThat(one("getter").attributes()).isEqualTo(Map.of("computed", "by getter"));
        assertThat(one("proxy").label()).isEqualTo("trapped");
        assertThat(one("escapes").label()).isEqualTo("a\"b\\c\n\u0001\ud800 ☃");
    }

    @Test
    void onlyOwnEnumerablePropertiesCount() {
        refused("inherited", "BAD_DECISION", "targets[0].label must be a string, was missing");
        refused("hidden", "BAD_DECISION", "targets[0].label must be a string, was missing");
    }

    @Test
    void valuesJsonCannotHoldAreRefusedAsJsonWouldHaveThem() {
        refused("undefinedResult", "BAD_DECISION", "targets must be an array");
        refused("functionResult", "BAD_DECISION", "targets must be an array");
        refused("nanLabel", "BAD_DECISION", "targets[0].label must be a string, was null");
        refused("numberLabel", "BAD_DECISION", "targets[0].label must be a string, was 12");
        refused("nullInLabels", "BAD_DECISION", "targets[0].labels[1] must be a string, was null");
        refused("bigint", "SCRIPT_ERROR", "BigInt");
        refused("bigintUnread", "SCRIPT_ERROR", "BigInt");
        refused("cycle", "SCRIPT_ERROR", "circular");
        refused("promise", "SCRIPT_ERROR", "not a Promise");
        refused("huge", "RESULT_TOO_LARGE", "more than " + JsLimits.DEFAULT_MAX_OUTPUT);
    }

    @Test
    void guestCodeRunWhileReadingTheResultFailsAsThePlugin() {
        refused("throwingGetter", "SCRIPT_ERROR", "index.mjs:21: Error: getter failed");
        refused("throwingTrap", "SCRIPT_ERROR", "index.mjs:23: Error: trap failed");
        assertThat(one("plain").labels()).containsExactly("x", "y");
    }

    @Test
    void aGetterThatNeverReturnsIsCutByTheStatementLimitAndItsSandboxDiscarded() {
        long created = plugin.contextsCreated();
        refused("loopingGetter", "RESOURCE_EXHAUSTED", "exhausted");
        assertThat(one("plain").labels()).containsExactly("x", "y");
        assertThat(plugin.contextsCreated()).isEqualTo(created + 1);
    }
}
