package dev.mallkit.host.runtime;

import dev.mallkit.marketplace.archive.SafeExtractor;
import dev.mallkit.marketplace.archive.UnsafeArchiveException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The archive attack of issue #17 against PF4J jar loading: an approved hash does not admit a two-faced jar. */
class JarArchiveAttackTest {
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
    void approvedJarWithAnUnreferencedLocalEntryIsRefusedBeforePf4jLoadsIt() throws Exception {
        Path honest = TestPluginJar.liveJumpProvider("attack-jumps", "1.0.0", "return List.of();").build(dir.resolve("src"));
        byte[] attack = ZipSplice.withUnreferencedLocal(Files.readAllBytes(honest), "index.mjs",
                "globalThis.served = true;".getBytes(StandardCharsets.UTF_8));
        Path jar = Files.write(dir.resolve("attack-jumps-1.0.0.jar"), attack);
        runtime = new JavaPluginRuntime(dir.resolve("work"), ArtifactTrust.approving(Set.of(PluginPackage.sha256(jar))), false);

        UnsafeArchiveException review = catchThrowableOfType(UnsafeArchiveException.class,
                () -> SafeExtractor.withDefaults().extract(jar).close());
        assertThat(review.findings()).extracting("code").contains("ARCHIVE_UNREFERENCED_DATA");
        assertThatThrownBy(() -> runtime.install(jar)).isInstanceOf(PluginPackageException.class)
                .hasMessageContaining("ARCHIVE_UNREFERENCED_DATA");
        assertThat(runtime.installed()).isEmpty();
    }

    @Test
    void jarWrittenByJarOutputStreamWithDataDescriptorsLoads() throws Exception {
        Path jar = TestPluginJar.liveJumpProvider("honest-jumps", "1.0.0", "return List.of();").build(dir.resolve("src"));
        runtime = new JavaPluginRuntime(dir.resolve("work"), ArtifactTrust.approving(Set.of(PluginPackage.sha256(jar))), false);

        assertThat(runtime.install(jar).sha256()).isEqualTo(PluginPackage.sha256(jar));
    }
}
