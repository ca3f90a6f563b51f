package dev.mallkit.host.runtime;

import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.api.membership.MembershipProgram;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static dev.mallkit.host.runtime.PluginCalls.jumpTargets;
import static dev.mallkit.host.runtime.PluginCalls.returning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JavaPluginRuntimeTest {
    @TempDir
    Path dir;

    private JavaPluginRuntime runtime;

    @AfterEach
    void closeRuntime() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void approvedJarLoadsAsJavaTierWithItsExtension() {
        Path jar = TestPluginJar.liveJumpProvider("acme-jumps", "1.0.0", returning("hello")).build(dir.resolve("src"));
        runtime = approving(jar);

        JavaPlugin plugin = runtime.install(jar);

        assertThat(plugin.tier()).isEqualTo(LoadedPlugin.Tier.JAVA);
        assertThat(plugin.sha256()).isEqualTo(PluginPackage.sha256(jar));
        assertThat(jumpTargets(plugin, "s1")).extracting(JumpTarget::label).containsExactly("hello");
        assertThat(plugin.extension(MembershipProgram.class)).isEmpty();
    }

    @Test
    void twoVersionsOfOnePluginRunSideBySideInTheirOwnClassLoaders() {
        Path v1 = TestPluginJar.liveJumpProvider("acme-jumps", "1.0.0", returning("from v1")).build(dir.resolve("v1"));
        Path v2 = TestPluginJar.liveJumpProvider("acme-jumps", "2.0.0", returning("from v2")).build(dir.resolve("v2"));
        runtime = approving(v1, v2);

        JavaPlugin one = runtime.install(v1);
        JavaPlugin two = runtime.install(v2);
        LiveJumpProvider first = PluginCalls.jumpProvider(one);
        LiveJumpProvider second = PluginCalls.jumpProvider(two);

        assertThat(jumpTargets(one, "s1")).extracting(JumpTarget::label).containsExactly("from v1");
        assertThat(jumpTargets(two, "s1")).extracting(JumpTarget::label).containsExactly("from v2");
        assertThat(first.getClass().getName()).isEqualTo(second.getClass().getName());
        assertThat(first.getClass()).isNotSameAs(second.getClass());
        assertThat(first.getClass().getClassLoader()).isNotSameAs(second.getClass().getClassLoader());
        assertThat(runtime.installed()).hasSize(2);
    }

    @Test
    void apiClassBundledInAPluginJarStillComesFromTheHost() {
        // a careless provider shaded the API into the jar: the host's interface must still win
        Path jar = TestPluginJar.liveJumpProvider("acme-shaded", "1.0.0", returning("shaded"))
                .source("dev.mallkit.api.live.LiveJumpProvider", """
                        package dev.mallkit.api.live;
                        public interface LiveJumpProvider extends dev.mallkit.api.MallkitExtension {
                          java.util.List<JumpTarget> targets(dev.mallkit.api.PluginContext ctx, JumpRequest request);
                        }
                        """)
                .build(dir.resolve("src"));
        runtime = approving(jar);

        JavaPlugin plugin = runtime.install(jar);

        assertThat(plugin.extension(LiveJumpProvider.class)).get().isInstanceOf(LiveJumpProvider.class);
        assertThat(jumpTargets(plugin, "s1")).extracting(JumpTarget::label).containsExactly("shaded");
    }

    @Test
    void aPluginCannotLinkAgainstOrLoadTheHostsOwnClasses() {
        // compiled against the host (the test class path has it), as a provider probing for internals would be
        Path jar = TestPluginJar.liveJumpProvider("acme-reach", "1.0.0", """
                String linked;
                try { linked = dev.mallkit.host.runtime.JavaPluginRuntime.class.getName(); } catch (LinkageError e) { linked = "unlinked"; }
                String loaded;
                try { loaded = getClass().getClassLoader().loadClass("io.vertx.core.Vertx").getName(); } catch (ClassNotFoundException e) { loaded = "unloaded"; }
                String resource = String.valueOf(getClass().getClassLoader().getResource("openapi.yaml"));
                return List.of(new JumpTarget("t", JumpTargetType.SHOWCASE_PRODUCT, linked + "|" + loaded + "|" + resource, Map.of(), List.of()));
                """).build(dir.resolve("src"));
        runtime = approving(jar);

        JavaPlugin plugin = runtime.install(jar);

        assertThat(jumpTargets(plugin, "s1")).extracting(JumpTarget::label).containsExactly("unlinked|unloaded|null");
    }

    @Test
    void unapprovedJarIsRefusedOutsideDevMode() {
        Path jar = TestPluginJar.liveJumpProvider("acme-jumps", "1.0.0", returning("x")).build(dir.resolve("src"));
        runtime = new JavaPluginRuntime(dir.resolve("work"), ArtifactTrust.approving(Set.of()), false);

        assertThatThrownBy(() -> runtime.install(jar))
                .isInstanceOf(UntrustedPluginException.class)
                .hasMessageContaining(PluginPackage.sha256(jar))
                .hasMessageContaining("not approved");
        assertThat(runtime.installed()).isEmpty();
    }

    @Test
    void unapprovedJarLoadsInDevMode() {
        Path jar = TestPluginJar.liveJumpProvider("acme-jumps", "1.0.0", returning("dev")).build(dir.resolve("src"));
        runtime = new JavaPluginRuntime(dir.resolve("work"), ArtifactTrust.approving(Set.of()), true);

        JavaPlugin plugin = runtime.install(jar);

        assertThat(jumpTargets(plugin, "s1")).extracting(JumpTarget::label).containsExactly("dev");
    }

    @Test
    void sameVersionCannotBeInstalledTwice() {
        Path jar = TestPluginJar.liveJumpProvider("acme-jumps", "1.0.0", returning("x")).build(dir.resolve("src"));
        runtime = approving(jar);
        runtime.install(jar);

        assertThatThrownBy(() -> runtime.install(jar))
                .isInstanceOf(PluginPackageException.class)
                .hasMessageContaining("acme-jumps@1.0.0 is already installed");
    }

    @Test
    void stoppedPluginOffersNoExtensionUntilStartedAgain() {
        Path jar = TestPluginJar.liveJumpProvider("acme-jumps", "1.0.0", returning("back")).build(dir.resolve("src"));
        runtime = approving(jar);
        JavaPlugin plugin = runtime.install(jar);

        runtime.stop("acme-jumps", "1.0.0");
        assertThat(plugin.isStarted()).isFalse();
        assertThat(plugin.extension(LiveJumpProvider.class)).isEmpty();

        runtime.start("acme-jumps", "1.0.0");
        assertThat(jumpTargets(plugin, "s1")).extracting(JumpTarget::label).containsExactly("back");
    }

    @Test
    void pluginWhoseStartFailsIsRefusedAndLeavesNothingBehind() {
        Path jar = TestPluginJar.liveJumpProvider("acme-broken", "1.0.0", returning("x"))
                .source("testplugin.acme_broken.Boom", """
                        package testplugin.acme_broken;
                        public class Boom extends org.pf4j.Plugin {
                          @Override public void start() { throw new IllegalStateException("no database"); }
                        }
                        """)
                .pluginClass("testplugin.acme_broken.Boom")
                .build(dir.resolve("src"));
        runtime = approving(jar);

        assertThatThrownBy(() -> runtime.install(jar))
                .isInstanceOf(PluginPackageException.class)
                .hasMessageContaining("acme-broken@1.0.0 failed to start")
                .hasRootCauseMessage("no database");
        assertThat(runtime.installed()).isEmpty();
        assertThat(dir.resolve("work/acme-broken/1.0.0")).doesNotExist();
    }

    @Test
    void sourceJarMayBeReplacedOnceInstalled() throws IOException {
        Path jar = TestPluginJar.liveJumpProvider("acme-jumps", "1.0.0", returning("kept")).build(dir.resolve("src"));
        runtime = approving(jar);
        JavaPlugin plugin = runtime.install(jar);

        Files.delete(jar);

        assertThat(jumpTargets(plugin, "s1")).extracting(JumpTarget::label).containsExactly("kept");
        assertThat(plugin.pluginPackage().jar()).startsWith(dir.resolve("work")).exists();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void uninstallReleasesClassLoaderAndJarFileHandle() throws Exception {
        Path jar = TestPluginJar.liveJumpProvider("acme-jumps", "1.0.0", returning("bye")).build(dir.resolve("src"));
        runtime = approving(jar);
        Path copy = dir.resolve("work/acme-jumps/1.0.0/acme-jumps-1.0.0.jar");
        WeakReference<ClassLoader> loader = installUseAndForget(jar);
        assertThat(openFiles()).contains(copy.toString());

        assertThat(runtime.uninstall("acme-jumps", "1.0.0")).isTrue();

        assertThat(copy).doesNotExist();
        assertThat(openFiles()).noneMatch(path -> path.contains("acme-jumps-1.0.0.jar"));
        for (int i = 0; i < 50 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(loader.get()).as("plugin class loader collected after uninstall").isNull();
        assertThat(runtime.find("acme-jumps", "1.0.0")).isEmpty();
    }

    // a separate frame so no local variable of the caller keeps the plugin reachable
    private WeakReference<ClassLoader> installUseAndForget(Path jar) {
        JavaPlugin plugin = runtime.install(jar);
        assertThat(jumpTargets(plugin, "s1")).hasSize(1);
        return new WeakReference<>(PluginCalls.jumpProvider(plugin).getClass().getClassLoader());
    }

    private static List<String> openFiles() throws IOException {
        List<String> targets = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    targets.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException closedMeanwhile) {
                    // the descriptor of the listing itself, or one closed since: not ours
                }
            }
        }
        return targets;
    }

    private JavaPluginRuntime approving(Path... jars) {
        return new JavaPluginRuntime(dir.resolve("work"),
                ArtifactTrust.approving(Stream.of(jars).map(PluginPackage::sha256).collect(Collectors.toSet())), false);
    }
}
