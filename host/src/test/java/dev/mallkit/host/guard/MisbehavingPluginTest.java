package dev.mallkit.host.guard;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.host.runtime.ArtifactTrust;
import dev.mallkit.host.runtime.JavaPlugin;
import dev.mallkit.host.runtime.JavaPluginRuntime;
import dev.mallkit.host.runtime.PluginCalls;
import dev.mallkit.host.runtime.PluginPackage;
import dev.mallkit.host.runtime.TestPluginJar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.mallkit.host.guard.PluginUnavailableException.Reason.CIRCUIT_OPEN;
import static dev.mallkit.host.guard.PluginUnavailableException.Reason.FAILED;
import static dev.mallkit.host.guard.PluginUnavailableException.Reason.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real plugin jars that misbehave, loaded by the real runtime, called through the guard. */
class MisbehavingPluginTest {
    /** What the product promises: a call returns within its budget plus this. */
    private static final Duration BUDGET = Duration.ofMillis(200);
    private static final Duration SLACK = Duration.ofMillis(100);

    @TempDir
    static Path dir;

    private static JavaPluginRuntime runtime;
    private static final String RELEASE_LOOPS = "mallkit.test.release-loops";
    private static Map<String, JavaPlugin> plugins;
    private static final PluginMetrics METRICS = new PluginMetrics();
    private static final GuardedInvoker INVOKER = new GuardedInvoker(GuardPolicy.DEFAULT.withBudget(BUDGET), METRICS);

    @BeforeAll
    static void installPlugins() {
        List<Path> jars = Stream.of(
                TestPluginJar.liveJumpProvider("good-jumps", "1.0.0", PluginCalls.returning("good")),
                TestPluginJar.liveJumpProvider("bad-thrower", "1.0.0", "throw new IllegalStateException(\"plugin bug\");"),
                TestPluginJar.liveJumpProvider("bad-sleeper", "1.0.0", "try { Thread.sleep(10_000); } catch (InterruptedException e) { } return List.of();"),
                TestPluginJar.liveJumpProvider("bad-looper", "1.0.0",
                        "if (ctx.storeId().equals(\"s-bad\")) { while (!Boolean.getBoolean(\"" + RELEASE_LOOPS + "\")) { } }\n" + PluginCalls.returning("loop-free store")),
                TestPluginJar.liveJumpProvider("bad-hog", "1.0.0", "long[] all = new long[Integer.MAX_VALUE - 8]; return List.of();"),
                TestPluginJar.liveJumpProvider("picky-jumps", "1.0.0",
                        "throw new PluginException(ErrorCategory.USER_ERROR, \"ROOM_CLOSED\", \"the room is closed\");")
        ).map(jar -> jar.build(dir.resolve("src"))).toList();
        runtime = new JavaPluginRuntime(dir.resolve("work"),
                ArtifactTrust.approving(jars.stream().map(PluginPackage::sha256).collect(Collectors.toSet())), false);
        plugins = jars.stream().map(runtime::install).collect(Collectors.toMap(p -> p.descriptor().id(), Function.identity()));
    }

    @AfterAll
    static void shutDown() {
        // the looping plugin ignores interrupts, as a runaway plugin would; only this flag ends it, so the
        // spinning thread does not eat a core for the rest of the test JVM
        System.setProperty(RELEASE_LOOPS, "true");
        INVOKER.close();
        runtime.close();
    }

    @Test
    void throwingPluginFailsWithItsCauseAndOthersKeepAnswering() {
        assertThatThrownBy(() -> call("bad-thrower", "s1"))
                .isInstanceOfSatisfying(PluginUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(FAILED))
                .hasRootCauseMessage("plugin bug");

        assertThat(call("good-jumps", "s1")).extracting(JumpTarget::label).containsExactly("good");
    }

    @Test
    void sleepingPluginTimesOutWithinBudget() {
        assertReturnsWithinBudget(() -> assertThatThrownBy(() -> call("bad-sleeper", "s1"))
                .isInstanceOfSatisfying(PluginUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(TIMEOUT)));

        assertThat(METRICS.series("bad-sleeper", "1.0.0").timeouts()).isEqualTo(1);
    }

    @Test
    void endlesslyLoopingPluginIsAbandonedWithinBudgetAndItsBreakerOpens() {
        // each runaway thread burns a core until the JVM exits: open after the first timeout
        GuardKey bad = new GuardKey("bad-looper", "1.0.0", "s-bad");
        INVOKER.configure(bad, new GuardPolicy(BUDGET, 8, 1, Duration.ofMinutes(10)));

        assertReturnsWithinBudget(() -> assertThatThrownBy(() -> call("bad-looper", "s-bad"))
                .isInstanceOfSatisfying(PluginUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(TIMEOUT)));

        assertThat(INVOKER.breakerState(bad)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> call("bad-looper", "s-bad"))
                .isInstanceOfSatisfying(PluginUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(CIRCUIT_OPEN));
        assertThat(call("bad-looper", "s-good")).extracting(JumpTarget::label).containsExactly("loop-free store");
        assertThat(call("good-jumps", "s-bad")).extracting(JumpTarget::label).containsExactly("good");
        assertThat(METRICS.render()).contains("mallkit_plugin_open_breakers{plugin=\"bad-looper\",version=\"1.0.0\"} 1");
    }

    @Test
    void pluginExhaustingTheHeapFailsWithoutHarmingTheHost() {
        // the JVM runs a full GC before it gives up on the allocation: allow it the time to, so the
        // OutOfMemoryError (not a timeout) is what the caller sees
        INVOKER.configure(new GuardKey("bad-hog", "1.0.0", "s1"), GuardPolicy.DEFAULT.withBudget(Duration.ofSeconds(10)));

        assertThatThrownBy(() -> call("bad-hog", "s1"))
                .isInstanceOfSatisfying(PluginUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(FAILED))
                .hasCauseInstanceOf(OutOfMemoryError.class);

        assertThat(call("good-jumps", "s1")).extracting(JumpTarget::label).containsExactly("good");
    }

    @Test
    void userErrorFromAPluginReachesTheCallerAsTheApiException() {
        assertThatThrownBy(() -> call("picky-jumps", "s1"))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.USER_ERROR);
                    assertThat(e.code()).isEqualTo("ROOM_CLOSED");
                });
        assertThat(INVOKER.breakerState(new GuardKey("picky-jumps", "1.0.0", "s1"))).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private static List<JumpTarget> call(String pluginId, String storeId) {
        JavaPlugin plugin = plugins.get(pluginId);
        return INVOKER.call(new GuardKey(pluginId, "1.0.0", storeId), () -> PluginCalls.jumpTargets(plugin, storeId));
    }

    private static void assertReturnsWithinBudget(Runnable call) {
        long start = System.nanoTime();
        call.run();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThanOrEqualTo(BUDGET.plus(SLACK));
    }
}
