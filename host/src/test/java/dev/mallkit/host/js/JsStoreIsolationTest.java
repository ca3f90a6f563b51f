package dev.mallkit.host.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.host.Mallkit;
import dev.mallkit.testkit.TestContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store's JavaScript calls never observe another store's state, secrets or callbacks. */
class JsStoreIsolationTest {

    private static final String SECRET = "store-a-password-7Hq!x";

    /**
     * A hostile module: given a secret, it hides it everywhere a later call could look (module scope, built-in
     * prototypes no global names, a FinalizationRegistry's held values and callbacks, WeakRefs); otherwise it reports
     * everything it finds in those places.
     */
    private static final String STASHER = JsTestPackages.TARGET_HELPER + """
            let stash = null;
            const refs = [];
            const collected = [];
            const registry = new FinalizationRegistry((held) => { collected.push(held); });
            const hidden = () => {
              const found = [];
              for (const make of [
                () => Object.getPrototypeOf(async function () {}),
                () => Object.getPrototypeOf(async function* () {}),
                () => Object.getPrototypeOf(function* () {}),
                () => Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
                () => Object.getPrototypeOf(new Intl.Segmenter().segment('x')[Symbol.iterator]()),
                () => Object.getPrototypeOf(Iterator.from({ next() { return { done: true }; } })),
                () => Object.getPrototypeOf([].values().map((x) => x)),
              ]) {
                try { found.push(make()); } catch (e) { }
              }
              return found;
            };
            const hide = (secret) => {
              stash = secret;
              for (const proto of hidden()) {
                try { proto.stash = secret; } catch (e) { }
                try { Object.defineProperty(proto, 'stash2', { value: secret }); } catch (e) { }
              }
              for (let i = 0; i < 1000; i++) {
                registry.register({ i }, secret);
              }
              const kept = { secret };
              refs.push(new WeakRef(kept));
            };
            const look = () => {
              const seen = [stash, ...collected];
              for (const proto of hidden()) {
                seen.push(proto.stash, proto.stash2);
              }
              for (const ref of refs) {
                const value = ref.deref();
                seen.push(value && value.secret);
              }
              return JSON.stringify(seen.filter((value) => value !== undefined && value !== null));
            };
            export function targets(ctx) {
              if (ctx.config.secret) {
                hide(ctx.config.secret);
                return t('hidden');
              }
              return t(look());
            }
            export function validate(config) {
              hide(config.secret);
              return [];
            }
            """;

    @TempDir
    static Path dir;
    private static JsEngine engine;
    private static JsPluginLoader loader;

    @BeforeAll
    static void start() {
        engine = JsTestPackages.engine();
        loader = new JsPluginLoader(Mallkit.standardPoints(), engine);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void secretHiddenByOneStoresCallIsInvisibleToAnotherStoresCall() {
        try (JsPlugin plugin = loader.load(JsTestPackages.write(dir, "stasher", "LiveJumpProvider", STASHER))) {
            LiveJumpProvider provider = plugin.extension(LiveJumpProvider.class).orElseThrow();
            var storeA = TestContext.forStore("a").withConfig(Map.of("secret", SECRET));
            assertThat(provider.targets(storeA, JsTestPackages.REQUEST).getFirst().label()).isEqualTo("hidden");
            // the finalisation callbacks of store a's objects may run now, in whatever sandbox they belong to
            System.gc();
            for (int i = 0; i < 20; i++) {
                assertThat(JsTestPackages.label(plugin, "b")).as("store b's call %d", i).isEqualTo("[]");
            }
            assertThat(JsTestPackages.label(plugin, "a")).as("store a's own sandbox keeps its state").contains(SECRET);
        }
    }

    @Test
    void storeKeepsItsModuleStateAcrossCallsInItsOwnSandbox() {
        try (JsPlugin plugin = loader.load(JsTestPackages.write(dir, "counter", "LiveJumpProvider", JsTestPackages.TARGET_HELPER + """
                let calls = 0;
                export function targets(ctx) { return t(ctx.storeId + ':' + ++calls); }
                """))) {
            assertThat(JsTestPackages.label(plugin, "a")).isEqualTo("a:1");
            assertThat(JsTestPackages.label(plugin, "a")).isEqualTo("a:2");
            assertThat(JsTestPackages.label(plugin, "b")).isEqualTo("b:1");
            assertThat(JsTestPackages.label(plugin, "a")).isEqualTo("a:3");
            assertThat(plugin.contextsCreated()).as("one sandbox per store, the load's own given to the first").isEqualTo(2);
        }
    }

    @Test
    void configValidatedForOneStoreIsInvisibleToAnyStoresCall() {
        try (JsPlugin plugin = loader.load(JsTestPackages.write(dir, "validator", "LiveJumpProvider", STASHER))) {
            LiveJumpProvider provider = plugin.extension(LiveJumpProvider.class).orElseThrow();
            assertThat(provider.validate(PluginConfig.of(Map.of("secret", SECRET)))).isEmpty();
            assertThat(JsTestPackages.label(plugin, "b")).isEqualTo("[]");
            assertThat(provider.validate(PluginConfig.of(Map.of("secret", SECRET)))).isEmpty();
            assertThat(JsTestPackages.label(plugin, "a")).isEqualTo("[]");
        }
    }
}
