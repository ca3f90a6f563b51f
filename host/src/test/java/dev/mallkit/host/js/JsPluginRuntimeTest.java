package dev.mallkit.host.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.Money;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.distribution.DistributionScheme;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.host.Mallkit;
import dev.mallkit.testkit.TestContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pooling, limits, error reporting and strict decoding of JavaScript plugins. */
class JsPluginRuntimeTest {

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
    void engineRunsCompiledWhenTheJvmciFlagsArePresent() {
        boolean jvmci = ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+EnableJVMCI");
        assertThat(engine.mode()).isEqualTo(jvmci ? "compiled" : "interpreted");
    }

    @Test
    void repeatedCallsReuseOneContextPerStoreAndMeasureWarmCalls() {
        try (JsPlugin plugin = loader.load(JsTestPackages.liveJump(dir, "reuse", "return t(ctx.storeId + ':' + request.attributionToken);"))) {
            for (int i = 0; i < 200; i++) {
                assertThat(JsTestPackages.label(plugin, "s" + (i % 3))).isEqualTo("s" + (i % 3) + ":Tok123");
            }
            long start = System.nanoTime();
            int calls = 2_000;
            for (int i = 0; i < calls; i++) {
                JsTestPackages.targets(plugin, "s1");
            }
            long micros = (System.nanoTime() - start) / 1_000 / calls;
            System.out.printf("js warm call (%s): %d us%n", engine.mode(), micros);
            assertThat(plugin.contextsCreated()).as("one per store: s0, s1, s2").isEqualTo(3);
        }
    }

    @Test
    void reviewedPackageCreatesNoSandboxUntilItsExtensionIsLookedUp() {
        try (JsPlugin plugin = loader.loadReviewed(JsTestPackages.liveJump(dir, "deferred", "return t('ok');"))) {
            assertThat(plugin.descriptor().id()).isEqualTo("deferred");
            assertThat(plugin.contextsCreated()).isZero();
            plugin.extension(LiveJumpProvider.class).orElseThrow();
            assertThat(plugin.contextsCreated()).as("the lookup warms the version").isEqualTo(1);
            assertThat(JsTestPackages.label(plugin, "s1")).isEqualTo("ok");
            assertThat(plugin.contextsCreated()).isEqualTo(1);
        }
    }

    @Test
    void reviewedPackageThatDoesNotEvaluateFailsItsCallsInsteadOfItsLoad() {
        try (JsPlugin plugin = loader.loadReviewed(JsTestPackages.liveJump(dir, "deferred-broken", "return [ ;"))) {
            LiveJumpProvider provider = plugin.extension(LiveJumpProvider.class).orElseThrow();
            assertThatThrownBy(() -> provider.targets(TestContext.forStore("s1"), JsTestPackages.REQUEST))
                    .isInstanceOf(JsPackageException.class)
                    .hasMessageContaining("index.mjs");
        }
    }

    @Test
    void closedSandboxesLeaveTheWatchdog() {
        int before = engine.watchdog().watched();
        try (JsPlugin plugin = loader.load(JsTestPackages.liveJump(dir, "timers", "return t('ok');"))) {
            for (int i = 0; i < 50; i++) {
                JsTestPackages.targets(plugin, "s1");
            }
            assertThat(engine.watchdog().watched()).as("the pooled sandbox").isEqualTo(before + 1);
        }
        // a watched sandbox is reachable from the watchdog: a closed one must leave at once
        assertThat(engine.watchdog().watched()).isEqualTo(before);
    }

    @Test
    void runawayCallIsCancelledWithinItsBudgetPlusAScanAndItsSandboxDiscarded() {
        Duration budget = Duration.ofMillis(300);
        try (JsEngine slowEngine = new JsEngine(JsLimits.defaults().withStatementLimit(Long.MAX_VALUE / 2).withTimeBudget(budget));
             JsPlugin plugin = new JsPluginLoader(Mallkit.standardPoints(), slowEngine).load(JsTestPackages.liveJump(dir, "scan",
                     "if (ctx.storeId === 'slow') { for (;;) {} } return t('ok');"))) {
            assertThat(slowEngine.watchdog().period()).isEqualTo(Duration.ofMillis(3));
            long start = System.nanoTime();
            assertThatThrownBy(() -> JsTestPackages.targets(plugin, "slow"))
                    .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.code()).isEqualTo("TIME_BUDGET_EXCEEDED"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // the scan period (3 ms) is the designed lateness; the rest of the slack is for a shared, loaded machine
            assertThat(took).isBetween(budget, budget.plus(slowEngine.watchdog().period()).plusSeconds(2));
            assertThat(slowEngine.watchdog().watched()).as("the cancelled sandbox is closed").isZero();
            assertThat(JsTestPackages.label(plugin, "fast")).isEqualTo("ok");
            assertThat(plugin.contextsCreated()).as("a timed-out sandbox is never reused").isEqualTo(2);
        }
    }

    @Test
    void watchdogNeverCancelsASandboxBetweenCalls() {
        Source module = Source.newBuilder("js", JsTestPackages.TARGET_HELPER + "export function targets() { return t('ok'); }", "index.mjs")
                .mimeType("application/javascript+module").buildLiteral();
        try (JsSandbox sandbox = JsSandbox.create(engine, module)) {
            assertThat(sandbox.call("targets", new JsArgs())).contains("ok");
            sandbox.enforce(System.nanoTime() + Duration.ofHours(1).toNanos());
            assertThat(sandbox.broken()).isFalse();
            assertThat(sandbox.call("targets", new JsArgs())).contains("ok");
        }
    }

    @Test
    void scanPeriodIsAHundredthOfTheBudgetBetweenOneAndTenMilliseconds() {
        assertThat(new JsWatchdog(Duration.ofSeconds(2)).period()).isEqualTo(Duration.ofMillis(10));
        assertThat(new JsWatchdog(Duration.ofMillis(300)).period()).isEqualTo(Duration.ofMillis(3));
        assertThat(new JsWatchdog(Duration.ofMillis(50)).period()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void contextThatHitTheStatementLimitIsNotReused() {
        try (JsPlugin plugin = loader.load(JsTestPackages.liveJump(dir, "limit", "if (ctx.config.spin) { while (true) {} } return t('ok');"))) {
            assertThat(JsTestPackages.label(plugin, "s1")).isEqualTo("ok");
            assertThat(plugin.contextsCreated()).isEqualTo(1);
            var spinning = TestContext.forStore("s1").withConfig(Map.of("spin", true));
            var provider = plugin.extension(dev.mallkit.api.live.LiveJumpProvider.class).orElseThrow();
            assertThatThrownBy(() -> provider.targets(spinning, JsTestPackages.REQUEST))
                    .isInstanceOfSatisfying(PluginException.class, e -> {
                        assertThat(e.category()).isEqualTo(ErrorCategory.INSUFFICIENT_RESOURCES);
                        assertThat(e.code()).isEqualTo("RESOURCE_EXHAUSTED");
                    });
            assertThat(JsTestPackages.label(plugin, "s1")).isEqualTo("ok");
            assertThat(plugin.contextsCreated()).isEqualTo(2);
        }
    }

    @Test
    void timeBudgetCancelsARunawayCallAndTheNextCallAnswers() {
        try (JsEngine slowEngine = new JsEngine(JsLimits.defaults().withStatementLimit(Long.MAX_VALUE / 2).withTimeBudget(Duration.ofMillis(300)));
             JsPlugin plugin = new JsPluginLoader(Mallkit.standardPoints(), slowEngine).load(JsTestPackages.liveJump(dir, "budget",
                     "if (ctx.storeId === 'slow') { while (true) {} } return t('ok');"))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> JsTestPackages.targets(plugin, "slow"))
                    .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.code()).isEqualTo("TIME_BUDGET_EXCEEDED"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(JsTestPackages.label(plugin, "fast")).isEqualTo("ok");
        }
    }

    @Test
    void syntaxErrorIsRefusedAtLoadNamingFileAndLine() {
        Path pkg = JsTestPackages.write(dir, "syntax", "LiveJumpProvider", "export function targets(ctx, request) {\n  return [;\n}\n");
        assertThatThrownBy(() -> loader.load(pkg))
                .isInstanceOfSatisfying(JsPackageException.class, e -> {
                    assertThat(e.file()).isEqualTo("index.mjs");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).startsWith("index.mjs:2: syntax error");
                });
    }

    @Test
    void importOfHostModulesIsRefusedAtLoad() {
        Path pkg = JsTestPackages.write(dir, "imports", "LiveJumpProvider", "import fs from 'node:fs';\nexport function targets() { return []; }\n");
        assertThatThrownBy(() -> loader.load(pkg)).isInstanceOf(JsPackageException.class).hasMessageContaining("index.mjs");
    }

    @Test
    void missingExportIsRefusedAtLoad() {
        Path pkg = JsTestPackages.write(dir, "missing", "DistributionScheme", "export function bind() { return { bind: true, reason: 'X' }; }\n");
        assertThatThrownBy(() -> loader.check(pkg)).isInstanceOf(JsPackageException.class).hasMessageContaining("does not export commissions, limits");
    }

    @Test
    void runtimeErrorCarriesTheScriptLocation() {
        try (JsPlugin plugin = loader.load(JsTestPackages.liveJump(dir, "throws", "const x = null;\nreturn x.boom;"))) {
            assertThatThrownBy(() -> JsTestPackages.targets(plugin, "s1"))
                    .isInstanceOfSatisfying(PluginException.class, e -> {
                        assertThat(e.category()).isEqualTo(ErrorCategory.INTERNAL_ERROR);
                        assertThat(e.code()).isEqualTo("SCRIPT_ERROR");
                        assertThat(e.getMessage()).startsWith("index.mjs:4: TypeError");
                    });
        }
    }

    @Test
    void guestErrorTextIsTruncated() {
        try (JsPlugin plugin = loader.load(JsTestPackages.liveJump(dir, "long-error", "throw new Error('e'.repeat(100000));"))) {
            assertThatThrownBy(() -> JsTestPackages.targets(plugin, "s1")).hasMessageContaining("index.mjs:3")
                    .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(JsErrors.MAX_MESSAGE + 100));
        }
    }

    @Test
    void nonIntegerUnsafeOrTextualMoneyIsABadDecision() {
        for (String minor : List.of("1.5", "2 ** 53", "'100'", "NaN", "Infinity")) {
            Path pkg = JsTestPackages.write(dir, "money-" + Math.abs(minor.hashCode()), "DistributionScheme", """
                    export function bind() { return { bind: true, reason: 'X' }; }
                    export function limits() { return { levels: 1, totalRate: 1000 }; }
                    export function commissions(ctx, event, upline) {
                      return { splits: [{ level: 1, beneficiaryId: upline[0], amount: { minor: %s, currency: 'CNY' }, reason: 'r' }], frozenPeriod: 'P7D' };
                    }
                    """.formatted(minor));
            try (JsPlugin plugin = loader.load(pkg)) {
                DistributionScheme scheme = plugin.extension(DistributionScheme.class).orElseThrow();
                OrderEvent paid = new OrderEvent("o1", OrderEventType.PAID, 1, "m1", Money.of(1000, "CNY"), List.of(), TestContext.EPOCH);
                assertThatThrownBy(() -> scheme.commissions(TestContext.forStore("s1"), paid, List.of("a")))
                        .as(minor)
                        .isInstanceOfSatisfying(PluginException.class, e -> {
                            assertThat(e.code()).isEqualTo("BAD_DECISION");
                            assertThat(e.getMessage()).contains("commissions.splits[0].amount.minor");
                        });
            }
        }
    }

    @Test
    void decisionRefusedByTheApiRecordIsABadDecision() {
        try (JsPlugin plugin = loader.load(JsTestPackages.liveJump(dir, "bad-id",
                "return [{ id: 'has spaces', type: 'SHOWCASE_PRODUCT', label: 'x', attributes: {}, labels: [] }];"))) {
            assertThatThrownBy(() -> JsTestPackages.targets(plugin, "s1"))
                    .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.code()).isEqualTo("BAD_DECISION"));
        }
    }

    @Test
    void zipPackageLoadsWithTheZipChecksum() throws Exception {
        Path source = JsTestPackages.liveJump(dir, "zipped", "return t('from zip');");
        Path zip = dir.resolve("zipped-1.0.0.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("mallkit-plugin.json", "index.mjs")) {
                out.putNextEntry(new ZipEntry(name));
                out.write(Files.readAllBytes(source.resolve(name)));
                out.closeEntry();
            }
        }
        try (JsPlugin plugin = loader.load(zip)) {
            assertThat(JsTestPackages.label(plugin, "s1")).isEqualTo("from zip");
            assertThat(plugin.sha256()).isEqualTo(sha256(zip));
        }
    }

    @Test
    void descriptorWithoutIdIsRefused() throws IOException {
        Path pkg = JsTestPackages.liveJump(dir, "no-id", "return [];");
        Files.writeString(pkg.resolve("mallkit-plugin.json"), "{\"version\": \"1.0.0\"}");
        assertThatThrownBy(() -> loader.load(pkg)).isInstanceOf(JsPackageException.class).hasMessage("mallkit-plugin.json: id must be a string");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
