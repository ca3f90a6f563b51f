package dev.mallkit.marketplace.forbidden;

import dev.mallkit.marketplace.testing.ApiPoints;
import dev.mallkit.api.MallkitApi;
import dev.mallkit.marketplace.compat.ApiCompatibilityCheck;
import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.review.ReviewInput;
import dev.mallkit.marketplace.review.ReviewPipeline;
import dev.mallkit.marketplace.review.ReviewReport;
import dev.mallkit.marketplace.review.ReviewSettings;
import dev.mallkit.marketplace.testing.PluginJars;
import dev.mallkit.marketplace.testing.SamplePlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A class file that cannot be read is a blocking finding naming the file, never an exception out of review. */
class MalformedClassTest {
    @TempDir
    Path dir;
    Path classes;
    byte[] good;

    @BeforeEach
    void compileOneGoodClass() throws IOException {
        classes = PluginJars.in(dir).source("acme.Good", "package acme; public class Good { void run() { System.exit(1); } }").compile();
        good = Files.readAllBytes(classes.resolve("acme/Good.class"));
    }

    /** Five ways to be unreadable, each next to the good class. */
    private Map<String, byte[]> malformed() {
        byte[] badPool = good.clone();
        badPool[10] = 99; // the first constant's tag
        byte[] future = good.clone();
        future[6] = 0x7F; // major version 32xxx, newer than ASM reads
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("acme/BadMagic.class", "NOTACLASSFILE-at-all-but-long-enough".getBytes());
        files.put("acme/Truncated.class", Arrays.copyOf(good, good.length / 2));
        files.put("acme/BadPool.class", badPool);
        files.put("acme/FutureVersion.class", future);
        files.put("acme/Empty.class", new byte[0]);
        return files;
    }

    @Test
    void everyUnreadableClassIsABlockingFindingAndTheRestIsStillJudged() throws IOException {
        for (Map.Entry<String, byte[]> file : malformed().entrySet()) {
            Files.write(classes.resolve(file.getKey()), file.getValue());
        }

        List<Finding> findings = ForbiddenApiCheck.withPlatformRules().check(classes);

        assertThat(findings).filteredOn(f -> f.code().equals("BYTECODE_MALFORMED")).allMatch(Finding::isBlocking)
                .extracting(Finding::location).containsExactlyInAnyOrderElementsOf(malformed().keySet());
        assertThat(findings).extracting(Finding::code, Finding::location)
                .contains(org.assertj.core.groups.Tuple.tuple("FORBIDDEN_EXIT", "acme.Good#run()V:1"));
        assertThat(ApiCompatibilityCheck.matrix(classes, Map.of())).isEmpty();
    }

    @Test
    void reviewOfAJarWithAnUnreadableClassReportsItInsteadOfThrowing() throws Exception {
        Path plugin = PluginJars.in(dir).source("acme.FairProgram", SamplePlugins.FAIR_PROGRAM).compile();
        Path jar = dir.resolve("broken.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(plugin)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                put(out, plugin.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
            put(out, "mallkit-plugin.json", Files.readAllBytes(descriptorOf(dir.resolve("d"))));
            put(out, "acme/Truncated.class", Arrays.copyOf(good, good.length / 2));
        }
        Path api = Path.of(MallkitApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ReviewPipeline pipeline = new ReviewPipeline(ReviewSettings.defaults(Map.of(MallkitApi.VERSION, api), MallkitApi.VERSION, ApiPoints.V1)
                .withTempParent(Files.createDirectories(dir.resolve("tmp"))));

        ReviewReport report = pipeline.review(jar, ReviewInput.of("acme", Set.of("fair-club"), Optional.empty()));

        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).extracting(Finding::code, Finding::location)
                .contains(org.assertj.core.groups.Tuple.tuple("BYTECODE_MALFORMED", "acme/Truncated.class"));
    }

    private static Path descriptorOf(Path work) throws IOException {
        Path jar = PluginJars.in(work).descriptor("fair-club", "1.0.0", "MembershipProgram").build("d.jar");
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            Path descriptor = work.resolve("mallkit-plugin.json");
            Files.write(descriptor, zip.getInputStream(zip.getEntry("mallkit-plugin.json")).readAllBytes());
            return descriptor;
        }
    }

    private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
