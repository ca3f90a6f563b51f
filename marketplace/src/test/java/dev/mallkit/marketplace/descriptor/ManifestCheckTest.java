package dev.mallkit.marketplace.descriptor;

import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.testing.PluginJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A jar whose PF4J manifest the host cannot load as its descriptor says is a blocking finding. */
class ManifestCheckTest {
    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor("fair-club", "1.2.0", "acme", ">=1.0.0 & <2.0.0",
            List.of("MembershipProgram"), "{}", "test", List.of("membership-tiers"));
    private static final String LIFECYCLE = """
            package acme;
            public class Lifecycle extends org.pf4j.Plugin {
                @Override public void start() { }
            }
            """;

    @TempDir
    Path dir;

    /** @return an extracted package: the compiled {@code sources} (name, code pairs) and a manifest with {@code lines} */
    private Path extracted(String manifest, String... sources) throws IOException {
        PluginJars jars = PluginJars.in(dir);
        for (int i = 0; i < sources.length; i += 2) {
            jars.source(sources[i], sources[i + 1]);
        }
        Path root = jars.compile();
        if (manifest != null) {
            Files.writeString(Files.createDirectories(root.resolve("META-INF")).resolve("MANIFEST.MF"), manifest);
        }
        return root;
    }

    private static String manifest(String... lines) {
        return "Manifest-Version: 1.0\r\n" + String.join("\r\n", lines) + "\r\n\r\n";
    }

    private static List<String> codes(List<Finding> findings) {
        return findings.stream().map(f -> f.code() + " " + f.location()).toList();
    }

    @Test
    void manifestAgreeingWithTheDescriptorPasses() throws IOException {
        Path root = extracted(manifest("Plugin-Id: fair-club", "Plugin-Version: 1.2.0", "Plugin-Class: org.pf4j.Plugin",
                "Plugin-Requires: >=1.0.0 & <2.0.0", "Plugin-Dependencies: membership-tiers?"));

        assertThat(ManifestCheck.check(root, DESCRIPTOR)).isEmpty();
    }

    @Test
    void ownPluginClassExtendingPf4jPluginPasses() throws IOException {
        Path root = extracted(manifest("Plugin-Id: fair-club", "Plugin-Version: 1.2.0", "Plugin-Class: acme.Lifecycle"),
                "acme.Lifecycle", LIFECYCLE);

        assertThat(ManifestCheck.check(root, DESCRIPTOR)).isEmpty();
    }

    @Test
    void idVersionAndRequiresDisagreeingWithTheDescriptorAreMismatches() throws IOException {
        Path root = extracted(manifest("Plugin-Id: membership-tiers", "Plugin-Version: 1.0.0", "Plugin-Class: org.pf4j.Plugin",
                "Plugin-Requires: >=2.0.0"));

        List<Finding> findings = ManifestCheck.check(root, DESCRIPTOR);

        assertThat(codes(findings)).containsExactly(
                "DESCRIPTOR_MANIFEST_MISMATCH META-INF/MANIFEST.MF#Plugin-Id",
                "DESCRIPTOR_MANIFEST_MISMATCH META-INF/MANIFEST.MF#Plugin-Version",
                "DESCRIPTOR_MANIFEST_MISMATCH META-INF/MANIFEST.MF#Plugin-Requires");
        assertThat(findings).allMatch(Finding::isBlocking);
        assertThat(findings.getFirst().message()).contains("'membership-tiers'", "'fair-club'");
    }

    @Test
    void missingManifestOrMissingIdBlocks() throws IOException {
        assertThat(codes(ManifestCheck.check(extracted(null), DESCRIPTOR))).containsExactly("MANIFEST_MISSING META-INF/MANIFEST.MF");
        assertThat(codes(ManifestCheck.check(extracted(manifest("Plugin-Version: 1.2.0", "Plugin-Class: org.pf4j.Plugin")), DESCRIPTOR)))
                .containsExactly("DESCRIPTOR_MANIFEST_MISMATCH META-INF/MANIFEST.MF#Plugin-Id");
    }

    @Test
    void pluginClassPf4jCannotStartBlocks() throws IOException {
        String notAPlugin = "package acme; public class Plain { }";
        String hidden = "package acme; public class Hidden extends org.pf4j.Plugin { private Hidden() { } }";
        String base = "package acme; public abstract class Base extends org.pf4j.Plugin { }";
        for (String pluginClass : List.of("", "acme.Missing", "acme.Plain", "acme.Hidden", "acme.Base")) {
            Path root = extracted(manifest("Plugin-Id: fair-club", "Plugin-Version: 1.2.0", "Plugin-Class: " + pluginClass),
                    "acme.Plain", notAPlugin, "acme.Hidden", hidden, "acme.Base", base);

            assertThat(codes(ManifestCheck.check(root, DESCRIPTOR))).as(pluginClass)
                    .containsExactly("MANIFEST_PLUGIN_CLASS_INVALID META-INF/MANIFEST.MF#Plugin-Class");
        }
    }

    @Test
    void malformedPluginClassFileIsAFindingNotAnError() throws IOException {
        Path root = extracted(manifest("Plugin-Id: fair-club", "Plugin-Version: 1.2.0", "Plugin-Class: acme.Broken"));
        Files.write(Files.createDirectories(root.resolve("acme")).resolve("Broken.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2});

        List<Finding> findings = ManifestCheck.check(root, DESCRIPTOR);

        assertThat(codes(findings)).containsExactly("MANIFEST_PLUGIN_CLASS_INVALID META-INF/MANIFEST.MF#Plugin-Class");
        assertThat(findings.getFirst().message()).contains("not a valid class file");
    }

    @Test
    void requiredOrUndeclaredManifestDependenciesBlock() throws IOException {
        Path root = extracted(manifest("Plugin-Id: fair-club", "Plugin-Version: 1.2.0", "Plugin-Class: org.pf4j.Plugin",
                "Plugin-Dependencies: membership-tiers, distribution-classic?"));

        assertThat(codes(ManifestCheck.check(root, DESCRIPTOR))).containsExactly(
                "MANIFEST_DEPENDENCY_REQUIRED META-INF/MANIFEST.MF#Plugin-Dependencies",
                "DESCRIPTOR_MANIFEST_MISMATCH META-INF/MANIFEST.MF#Plugin-Dependencies");
    }
}
