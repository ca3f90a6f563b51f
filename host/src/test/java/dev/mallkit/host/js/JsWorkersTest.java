package dev.mallkit.host.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.host.Mallkit;
import dev.mallkit.testkit.TestContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JavaScript in worker processes: a worker's heap is the hard memory bound of one store's sandboxes of one plugin
 * version, which no in-process budget gives (a single allocation happens before any watchdog can look). Exceeding it
 * ends that worker only; other stores keep their sandboxes and their state; the host's heap never holds guest objects.
 */
class JsWorkersTest {

    private static final int HEAP_MIB = 128;

    /** Counts its calls per sandbox; a store whose config says {@code big} asks for one 1 GiB buffer in a single allocation. */
    private static final String COUNTER = JsTestPackages.TARGET_HELPER + """
            let calls = 0;
            export function targets(ctx) {
              calls++;
              if (ctx.config.big) {
                const buffer = new Uint8Array(1 << 30);
                return t(buffer.length);
              }
              if (ctx.config.spin) {
                for (;;) {}
              }
              return t(ctx.storeId + ':' + calls);
            }
            """;

    @TempDir
    static Path dir;
    private static JsWorkerPool workers;
    private static JsPluginLoader loader;

    @BeforeAll
    static void start() {
        workers = JsWorkerPool.create(JsLimits.defaults().withTimeBudget(Duration.ofSeconds(10)), 3, HEAP_MIB, List.of(dir.resolve("private")));
        loader = new JsPluginLoader(Mallkit.standardPoints(), workers);
    }

    @AfterAll
    static void stop() {
        workers.close();
    }

    @Test
    void singleAllocationPastTheWorkersHeapEndsThatStoresSandboxOnly() {
        long hostHeapBefore = usedHeap();
        try (JsPlugin plugin = loader.load(JsTestPackages.write(dir, "big", "LiveJumpProvider", COUNTER))) {
            assertThat(JsTestPackages.label(plugin, "a")).isEqualTo("a:1");
            assertThat(JsTestPackages.label(plugin, "b")).isEqualTo("b:1");
            LiveJumpProvider provider = plugin.extension(LiveJumpProvider.class).orElseThrow();
            assertThatThrownBy(() -> provider.targets(TestContext.forStore("a").withConfig(Map.of("big", true)), JsTestPackages.REQUEST))
                    .isInstanceOfSatisfying(PluginException.class, e -> {
                        assertThat(e.category()).isEqualTo(ErrorCategory.INSUFFICIENT_RESOURCES);
                        assertThat(e.code()).isEqualTo("MEMORY_LIMIT_EXCEEDED");
                        assertThat(e.getMessage()).contains(HEAP_MIB + " MiB");
                    });
            assertThat(JsTestPackages.label(plugin, "a")).as("a new sandbox in a new worker: its count starts again").isEqualTo("a:1");
            assertThat(JsTestPackages.label(plugin, "b")).as("store b's worker was not touched").isEqualTo("b:2");
        }
        assertThat(usedHeap() - hostHeapBefore).as("the gigabyte was never the host's").isLessThan(256L << 20);
    }

    @Test
    void eachStoreRunsInAProcessOfItsOwnWithNothingOfTheHostsEnvironment() throws IOException {
        try (JsPlugin plugin = loader.load(JsTestPackages.write(dir, "pids", "LiveJumpProvider", COUNTER))) {
            // two stores calling at once each have a worker
            CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> JsTestPackages.label(plugin, "a"));
            CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> JsTestPackages.label(plugin, "b"));
            assertThat(List.of(a.join(), b.join())).containsExactly("a:1", "b:1");
            List<ProcessHandle> javas = ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("/java")).toList();
            assertThat(javas).as("worker JVMs").hasSizeGreaterThanOrEqualTo(2);
            for (ProcessHandle worker : javas) {
                Set<String> names = environment(worker.pid());
                assertThat(names).as("environment of worker " + worker.pid()).isSubsetOf(Set.of("TMPDIR", "LANG", "PWD"));
            }
            assertThat(javas.stream().map(p -> p.info().arguments().map(Arrays::asList).orElse(List.of())).flatMap(List::stream))
                    .as("no host path or secret in a worker's arguments").noneMatch(arg -> arg.contains(dir.resolve("private").toString()));
        }
    }

    @Test
    void aWorkerPastItsTimeBudgetIsCancelledInsideAndServesTheNextCall() {
        try (JsPlugin plugin = loader.load(JsTestPackages.write(dir, "spin", "LiveJumpProvider", COUNTER))) {
            LiveJumpProvider provider = plugin.extension(LiveJumpProvider.class).orElseThrow();
            assertThatThrownBy(() -> provider.targets(TestContext.forStore("s").withConfig(Map.of("spin", true)), JsTestPackages.REQUEST))
                    .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.INSUFFICIENT_RESOURCES));
            assertThat(JsTestPackages.label(plugin, "s")).as("the cancelled sandbox was replaced in the same worker").isEqualTo("s:1");
        }
    }

    @Test
    void aModuleThatDoesNotParseIsRefusedWithItsLine() {
        Path broken = JsTestPackages.write(dir, "broken", "LiveJumpProvider", "export function targets() {\n  return [;\n}\n");
        assertThatThrownBy(() -> loader.load(broken)).isInstanceOfSatisfying(JsPackageException.class, e -> {
            assertThat(e.file()).isEqualTo("index.mjs");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).startsWith("index.mjs:2: syntax error");
        });
    }

    @Test
    void withEveryWorkerTakenANewStoreGetsTheIdlestOneAndItsFormerStoreStartsAfresh() {
        try (JsPlugin plugin = loader.load(JsTestPackages.write(dir, "crowd", "LiveJumpProvider", COUNTER))) {
            for (String store : List.of("c1", "c2", "c3")) {
                assertThat(JsTestPackages.label(plugin, store)).isEqualTo(store + ":1");
            }
            assertThat(JsTestPackages.label(plugin, "c3")).isEqualTo("c3:2");
            assertThat(JsTestPackages.label(plugin, "c4")).as("a fourth store with three workers").isEqualTo("c4:1");
            assertThat(workers.workers()).isLessThanOrEqualTo(3);
            assertThat(JsTestPackages.label(plugin, "c3")).as("the store used last kept its worker").isEqualTo("c3:3");
            assertThat(JsTestPackages.label(plugin, "c1")).as("the idlest store lost its worker and starts again").isEqualTo("c1:1");
        }
    }

    private static Set<String> environment(long pid) throws IOException {
        byte[] environ = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "environ"));
        return Arrays.stream(new String(environ, StandardCharsets.UTF_8).split("\0")).filter(entry -> !entry.isEmpty())
                .map(entry -> entry.substring(0, Math.max(0, entry.indexOf('=')))).collect(Collectors.toSet());
    }

    private static long usedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
