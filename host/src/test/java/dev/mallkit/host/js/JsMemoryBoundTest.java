package dev.mallkit.host.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.host.Mallkit;
import dev.mallkit.testkit.TestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory bounds: a call, or a module's load, that allocates more than its budget is cancelled; a sandbox that
 * allocated more than its bound over its life is replaced after its call. Exceeding either ends that sandbox only.
 */
class JsMemoryBoundTest {

    private static final long CALL = 32L << 20;
    private static final long SANDBOX = 96L << 20;

    /** Counts its calls per sandbox; a store whose config says {@code hog} allocates 1 MiB arrays without end. */
    private static final String HOG = JsTestPackages.TARGET_HELPER + """
            let calls = 0;
            export function targets(ctx) {
              calls++;
              if (ctx.config.hog) {
                const keep = [];
                for (;;) {
                  keep.push(new Uint8Array(1 << 20));
                }
              }
              return t(ctx.storeId + ':' + calls);
            }
            """;

    @TempDir
    static Path dir;
    private static JsEngine engine;
    private static JsPluginLoader loader;

    @BeforeAll
    static void start() {
        engine = new JsEngine(JsLimits.defaults().withTimeBudget(Duration.ofSeconds(10)).withMemory(CALL, SANDBOX));
        loader = new JsPluginLoader(Mallkit.standardPoints(), engine);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void moduleAllocating1point2GigabytesAtLoadIsRefusedByReview() {
        Path pkg = JsTestPackages.write(dir, "big-load", "LiveJumpProvider", """
                const keep = [];
                for (let i = 0; i < 1200; i++) {
                  keep.push(new Uint8Array(1 << 20));
                }
                export function targets() { return []; }
                """);
        assertThatThrownBy(() -> loader.check(pkg))
                .isInstanceOfSatisfying(JsPackageException.class, e -> {
                    assertThat(e.file()).isEqualTo("index.mjs");
                    assertThat(e.getMessage()).contains("allocated more than " + (CALL >> 20) + " MiB");
                });
    }

    @Test
    void callAllocatingPastItsBudgetFailsAloneAndTheStoresNextCallGetsAFreshSandbox() {
        try (JsPlugin plugin = loader.load(JsTestPackages.write(dir, "hog", "LiveJumpProvider", HOG))) {
            assertThat(JsTestPackages.label(plugin, "a")).isEqualTo("a:1");
            assertThat(JsTestPackages.label(plugin, "b")).isEqualTo("b:1");
            LiveJumpProvider provider = plugin.extension(LiveJumpProvider.class).orElseThrow();
            var hog = TestContext.forStore("a").withConfig(Map.of("hog", true));
            assertThatThrownBy(() -> provider.targets(hog, JsTestPackages.REQUEST))
                    .isInstanceOfSatisfying(PluginException.class, e -> {
                        assertThat(e.category()).isEqualTo(ErrorCategory.INSUFFICIENT_RESOURCES);
                        assertThat(e.code()).isEqualTo("MEMORY_BUDGET_EXCEEDED");
                    });
            assertThat(JsTestPackages.label(plugin, "a")).as("a fresh sandbox: its count starts again").isEqualTo("a:1");
            assertThat(JsTestPackages.label(plugin, "b")).as("store b's sandbox was not touched").isEqualTo("b:2");
        }
    }

    @Test
    void callFromAVirtualThreadRunsUnderTheSameMemoryBudget() throws InterruptedException {
        try (JsPlugin plugin = loader.load(JsTestPackages.write(dir, "virtual-hog", "LiveJumpProvider", HOG))) {
            LiveJumpProvider provider = plugin.extension(LiveJumpProvider.class).orElseThrow();
            var hog = TestContext.forStore("a").withConfig(Map.of("hog", true));
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread.ofVirtual().start(() -> {
                try {
                    provider.targets(hog, JsTestPackages.REQUEST);
                } catch (Throwable e) {
                    failure.set(e);
                }
            }).join();
            assertThat(failure.get()).isInstanceOfSatisfying(PluginException.class,
                    e -> assertThat(e.code()).isEqualTo("MEMORY_BUDGET_EXCEEDED"));
        }
    }

    @Test
    void moduleKeepingGrowingStateHasItsSandboxReplacedBeforeItHoldsMoreThanTheBound() {
        int chunk = 4 << 20;
        try (JsPlugin plugin = loader.load(JsTestPackages.write(dir, "grower", "LiveJumpProvider", JsTestPackages.TARGET_HELPER + """
                const keep = [];
                let calls = 0;
                export function targets(ctx) {
                  if (ctx.storeId === 'b') {
                    return t(++calls);
                  }
                  keep.push(new Uint8Array(%d));
                  return t(keep.length);
                }
                """.formatted(chunk)))) {
            List<Integer> kept = new ArrayList<>();
            List<String> other = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                kept.add(Integer.parseInt(JsTestPackages.label(plugin, "a")));
                other.add(JsTestPackages.label(plugin, "b"));
            }
            System.out.println("kept per call before each replacement: " + kept);
            assertThat(kept).as("every call succeeds; a replaced sandbox starts again from one").contains(1).filteredOn(n -> n == 1).hasSizeGreaterThan(2);
            assertThat(kept).allSatisfy(n -> assertThat((long) n * chunk).isLessThanOrEqualTo(SANDBOX + CALL));
            assertThat(other).as("store b keeps its sandbox while a's are replaced").isEqualTo(
                    java.util.stream.IntStream.rangeClosed(1, 60).mapToObj(String::valueOf).toList());
        }
    }
}
