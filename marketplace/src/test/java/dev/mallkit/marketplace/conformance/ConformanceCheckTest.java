package dev.mallkit.marketplace.conformance;

import dev.mallkit.marketplace.testing.ApiPoints;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.marketplace.descriptor.DescriptorParser;
import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.testing.SamplePlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ConformanceCheckTest {
    @TempDir
    Path dir;

    @AfterEach
    void forgetLeak() {
        System.getProperties().remove("mallkit.test.leak");
    }

    @Test
    void fairPluginConformsAndUnloadsCleanly() throws IOException {
        Path jar = SamplePlugins.jar(dir, "fair-club", "acme.FairProgram", SamplePlugins.FAIR_PROGRAM, "MembershipProgram");

        List<Finding> findings = check(jar, 3);

        assertThat(findings).isEmpty();
        try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void greedySchemeFailsTheOrderCapInvariant() throws IOException {
        Path jar = SamplePlugins.jar(dir, "greedy", "acme.GreedyScheme", SamplePlugins.GREEDY_SCHEME, "DistributionScheme");

        assertThat(check(jar, 1)).extracting(Finding::code).contains("CONFORMANCE_COMMISSION_ABOVE_ORDER")
                .allMatch(code -> code.startsWith("CONFORMANCE_"));
    }

    @Test
    void pluginThatLeaksItselfKeepsItsClassLoaderAlive() throws IOException {
        Path jar = SamplePlugins.jar(dir, "leaky", "acme.LeakyProgram", SamplePlugins.LEAKY_PROGRAM, "MembershipProgram");

        assertThat(check(jar, 2)).extracting(Finding::code).containsExactly("UNLOAD_CLASSLOADER_LEAKED");
    }

    @Test
    void declaredPointWithoutExtensionIsReported() throws IOException {
        Path jar = SamplePlugins.jar(dir, "liar", "acme.FairProgram", SamplePlugins.FAIR_PROGRAM, "MembershipProgram", "LiveJumpProvider");

        assertThat(check(jar, 1)).extracting(Finding::code, Finding::location)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CONFORMANCE_NO_EXTENSION", "LiveJumpProvider"));
    }

    @Test
    void pluginCannotSeeMarketplaceLibraries() throws IOException {
        String usesJackson = SamplePlugins.FAIR_PROGRAM.replace("public class FairProgram", "public class Nosy")
                .replace("long points = ", "new com.fasterxml.jackson.databind.ObjectMapper();\n long points = ");
        Path jar = SamplePlugins.jar(dir, "nosy", "acme.Nosy", usesJackson, "MembershipProgram");

        assertThat(check(jar, 1)).extracting(Finding::code).contains("CONFORMANCE_UNEXPECTED_EXCEPTION");
    }

    private List<Finding> check(Path jar, int cycles) throws IOException {
        PluginDescriptor descriptor;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            descriptor = new DescriptorParser().parse(zip.getInputStream(zip.getEntry("mallkit-plugin.json")).readAllBytes())
                    .descriptor().orElseThrow();
        }
        return new ConformanceCheck(ApiPoints.V1, dir.resolve("tmp"), Duration.ofMillis(500), cycles, Duration.ofSeconds(3))
                .check(jar, descriptor, PluginConfig.of(Map.of("rate", 1000)));
    }
}
