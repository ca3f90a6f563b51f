package dev.mallkit.host.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallkit.api.PluginException;
import dev.mallkit.host.Mallkit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The statement limit counts every statement, whatever source it comes from: code a plugin evaluates at run time,
 * under any name (the bootstrap's included), trips it. The time budget is far longer than the statement limit takes,
 * so a loop the limit did not count would end as {@code TIME_BUDGET_EXCEEDED} instead.
 */
class JsStatementLimitTest {

    private static final String SPIN = "'for (;;) {}\\n//# sourceURL=" + JsBootstrap.SOURCE_NAME + "'";
    private static final Duration LONG_BUDGET = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    private static JsEngine engine;
    private static JsPluginLoader loader;
    private static final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    static void start() {
        engine = new JsEngine(JsLimits.defaults().withStatementLimit(100_000).withTimeBudget(LONG_BUDGET));
        loader = new JsPluginLoader(Mallkit.standardPoints(), engine);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "eval('for (;;) {}')",
            "new Function('for (;;) {}')()",
            "(0, eval)('for (;;) {}')",
            "eval(" + SPIN + ")",
            "new Function(" + SPIN + ")()",
            "(0, eval)(" + SPIN + ")",
            "(function () {}).constructor(" + SPIN + ")()",
    })
    void codeEvaluatedAtRunTimeTripsTheStatementLimitWhateverItsSourceName(String spin) {
        try (JsPlugin plugin = loader.load(JsTestPackages.liveJump(dir, "spin-" + ids.incrementAndGet(),
                "if (ctx.storeId === 'spin') { " + spin + "; } return t('ok');"))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> JsTestPackages.targets(plugin, "spin"))
                    .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.code()).isEqualTo("RESOURCE_EXHAUSTED"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LONG_BUDGET);
            assertThat(JsTestPackages.label(plugin, "other")).isEqualTo("ok");
        }
    }

    @Test
    void moduleTopLevelEvaluatingUnderTheBootstrapsNameIsRefusedByTheStatementLimit() {
        Path pkg = JsTestPackages.write(dir, "spin-at-load", "LiveJumpProvider",
                "eval(" + SPIN + ");\nexport function targets() { return []; }\n");
        assertThatThrownBy(() -> loader.check(pkg))
                .isInstanceOf(JsPackageException.class)
                .hasMessageContaining("exhausted a resource");
    }

    @Test
    void moduleWhoseSourceIsNamedLikeTheBootstrapIsCounted() {
        Source module = Source.newBuilder("js", "export function targets() { for (;;) {} }", JsBootstrap.SOURCE_NAME)
                .mimeType("application/javascript+module").buildLiteral();
        try (JsSandbox sandbox = JsSandbox.create(engine, module)) {
            assertThatThrownBy(() -> sandbox.call("targets", new JsArgs()))
                    .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.code()).isEqualTo("RESOURCE_EXHAUSTED"));
        }
    }
}
