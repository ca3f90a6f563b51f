package dev.mallkit.host.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mallkit.api.PluginException;
import dev.mallkit.host.Mallkit;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Escape and abuse probes. Each runs in its own plugin; it must either fail with a
 * {@link PluginException} or return an answer showing nothing leaked, and right after it a
 * well-behaved plugin, called for another store, must still answer correctly.
 */
class JsSandboxEscapeTest {

    /** What a well-behaved plugin answers when the intrinsics are intact. */
    private static final String INTACT = "{\"a\":1}:undefined:undefined";
    private static final String ANY_ERROR = "ERROR";

    @TempDir
    static Path dir;
    private static JsEngine engine;
    private static JsPluginLoader loader;
    private static JsPlugin witness;
    private static final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    static void start() {
        engine = JsTestPackages.engine();
        loader = new JsPluginLoader(Mallkit.standardPoints(), engine);
        witness = loader.load(JsTestPackages.liveJump(dir, "witness", """
                return t(JSON.stringify(JSON.parse('{"a":1}')) + ':' + typeof ({}).toJSON + ':' + typeof ({}).polluted);
                """));
    }

    @AfterAll
    static void stop() {
        witness.close();
        engine.close();
    }

    static Stream<Arguments> probes() {
        return Stream.of(
                probe("Java global is absent", "return t(typeof Java);", "undefined"),
                probe("Java.type cannot load host classes", "return t(Java.type('java.lang.System').getProperty('user.home'));", ANY_ERROR),
                probe("Polyglot global is absent", "return t(typeof Polyglot);", "undefined"),
                probe("Polyglot.eval fails", "return t(Polyglot.eval('js', '1'));", ANY_ERROR),
                probe("Polyglot.import fails", "return t(Polyglot.import('x'));", ANY_ERROR),
                probe("load() is absent", "load('/etc/passwd'); return t('loaded');", ANY_ERROR),
                probe("require() is absent", "return t(require('fs').readFileSync('/etc/passwd'));", ANY_ERROR),
                probe("process is absent", "process.exit(1); return t('alive');", ANY_ERROR),
                probe("Packages and java globals are absent", "return t(typeof Packages + typeof java + typeof javax + typeof Graal);", "undefinedundefinedundefinedundefined"),
                probe("dynamic import of fs never resolves to a module", """
                        let leaked = 'none';
                        import('fs').then(() => { leaked = 'fs'; }, () => { leaked = 'refused'; });
                        return t(typeof globalThis.fs);""", "undefined"),
                probe("async functions are refused", "return (async () => t(await import('node:fs')))();", ANY_ERROR),
                probe("redefining JSON.parse has no effect", "try { JSON.parse = () => ({ evil: true }); } catch (e) {} return t(JSON.stringify(JSON.parse('{\"a\":1}')));", "{\"a\":1}"),
                probe("Object.prototype.toJSON cannot be added", "try { Object.prototype.toJSON = () => 'evil'; } catch (e) {} return t(typeof ({}).toJSON);", "undefined"),
                probe("Object.prototype cannot be polluted via __proto__", "try { ({}).__proto__.polluted = 1; } catch (e) {} return t(typeof ({}).polluted);", "undefined"),
                probe("defineProperty on Object.prototype fails", "Object.defineProperty(Object.prototype, 'polluted', { value: 1 }); return t('defined');", ANY_ERROR),
                probe("Array.prototype.map cannot be replaced", "try { Array.prototype.map = () => []; } catch (e) {} return t([1, 2].map((x) => x * 2).join());", "2,4"),
                probe("String.prototype cannot be extended", "String.prototype.evil = 1; return t('x');", ANY_ERROR),
                probe("globalThis cannot gain properties", "globalThis.leak = 'store-a-secret'; return t('x');", ANY_ERROR),
                probe("Date.now cannot be replaced", "try { Date.now = () => 0; } catch (e) {} return t(Date.now() > 0);", "true"),
                probe("Error.prepareStackTrace cannot be installed", "Error.prepareStackTrace = () => 'evil'; return t('x');", ANY_ERROR),
                probe("deep recursion overflows the guest stack only", "const r = (n) => r(n + 1) + 1; return t(r(0));", ANY_ERROR),
                probe("a huge string is refused", "return t('x'.repeat(2 ** 31).length);", ANY_ERROR),
                probe("a doubling string hits the length limit", "let s = 'x'; while (true) { s += s; }", ANY_ERROR),
                probe("a huge array exhausts resources without harming the host", "return t(new Array(1e9).fill(0).length);", ANY_ERROR),
                probe("an infinite loop hits the statement limit", "while (true) {}", ANY_ERROR),
                probe("endless promise jobs are bounded", "const spin = () => Promise.resolve().then(spin); spin(); return t('queued');", null),
                probe("SharedArrayBuffer is absent", "return t(typeof SharedArrayBuffer);", "undefined"),
                probe("Atomics.wait cannot block on a shared buffer", "Atomics.wait(new Int32Array(new SharedArrayBuffer(16)), 0, 0); return t('woke');", ANY_ERROR),
                probe("Atomics.wait refuses an unshared buffer", "Atomics.wait(new Int32Array(4), 0, 0); return t('woke');", ANY_ERROR),
                probe("eval runs inside the sandbox", "return t(eval('typeof Java + typeof Polyglot'));", "undefinedundefined"),
                probe("the Function constructor reaches only the sandbox global", "const g = new Function('return this')(); return t(typeof g.Java + ':' + Object.isFrozen(g));", "undefined:true"),
                probe("a function constructor from a prototype is sandboxed too", "return t((function () {}).constructor('return typeof Polyglot')());", "undefined"),
                probe("Date and Math.random work", "return t(Date.now() > 0 && Math.random() < 1 && new Date(0).toISOString() === '1970-01-01T00:00:00.000Z');", "true"),
                probe("WebAssembly is absent", "return t(typeof WebAssembly);", "undefined"),
                probe("Intl formats numbers", "return t(new Intl.NumberFormat('en-US').format(1234567));", "1,234,567"),
                probe("console spam goes nowhere", "for (let i = 0; i < 5000; i++) { console.log('spam '.repeat(100)); } return t('quiet');", "quiet"),
                probe("a huge result is refused", "return Array.from({ length: 5000 }, (_, i) => ({ id: 'p' + i, type: 'SHOWCASE_PRODUCT', label: 'x'.repeat(100), attributes: {}, labels: [] }));", "RESULT_TOO_LARGE"),
                probe("a cyclic result fails to serialise", "const a = []; a.push(a); return a;", ANY_ERROR),
                probe("a proxy result that loops is stopped", "return new Proxy([], { get() { while (true) {} } });", ANY_ERROR),
                probe("a getter that throws fails the call", "return [{ get id() { throw new Error('boom'); } }];", ANY_ERROR),
                probe("a wrong result shape is a bad decision", "return { not: 'an array' };", "BAD_DECISION"),
                probe("host objects cannot be reached through the arguments", "return t(typeof ctx.clock + typeof ctx.store + typeof request.getClass);", "undefinedundefinedundefined"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void probeDoesNotEscapeAndTheHostStaysHealthy(String name, String body, String expected) {
        try (JsPlugin plugin = loader.load(JsTestPackages.liveJump(dir, "probe-" + ids.incrementAndGet(), body))) {
            Throwable failure = catchThrowable(() -> outcome(plugin, expected));
            if (expected != null && !expected.equals(ANY_ERROR) && !expected.equals(expected.toUpperCase())) {
                assertThat(failure).as(name).isNull();
            }
            // a second call after the probe: fresh or reset context, same verdict, nothing corrupted
            catchThrowable(() -> outcome(plugin, expected));
        }
        assertThat(JsTestPackages.label(witness, "other-store")).isEqualTo(INTACT);
        assertThat(Runtime.getRuntime().freeMemory()).isPositive();
    }

    private static void outcome(JsPlugin plugin, String expected) {
        if (expected == null) {
            catchThrowable(() -> JsTestPackages.targets(plugin, "s1"));
        } else if (expected.equals(ANY_ERROR)) {
            assertThatThrownBy(() -> JsTestPackages.targets(plugin, "s1")).isInstanceOf(PluginException.class);
        } else if (expected.matches("[A-Z_]+")) {
            assertThatThrownBy(() -> JsTestPackages.targets(plugin, "s1"))
                    .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.code()).isEqualTo(expected));
        } else {
            assertThat(JsTestPackages.label(plugin, "s1")).isEqualTo(expected);
        }
    }

    private static Arguments probe(String name, String body, String expected) {
        return Arguments.of(name, body, expected);
    }
}
