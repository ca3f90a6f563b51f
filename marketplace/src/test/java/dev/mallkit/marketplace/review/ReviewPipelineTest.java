package dev.mallkit.marketplace.review;

import dev.mallkit.marketplace.testing.ApiPoints;
import dev.mallkit.api.MallkitApi;
import dev.mallkit.marketplace.conformance.ConformanceCheck;
import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.finding.Severity;
import dev.mallkit.marketplace.signing.Sha256;
import dev.mallkit.marketplace.testing.PluginJars;
import dev.mallkit.marketplace.testing.SamplePlugins;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewPipelineTest {
    private static final ReviewInput ACME = ReviewInput.of("acme", Set.of("fair-club", "sneaky", "js-jumps"), Optional.empty());

    @TempDir
    Path dir;
    Path temp;
    ReviewPipeline pipeline;

    @BeforeEach
    void pipeline() throws URISyntaxException, IOException {
        Path realApi = Path.of(MallkitApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path emptyApi = PluginJars.in(dir.resolve("api0")).build("api-0.jar");
        temp = Files.createDirectories(dir.resolve("tmp"));
        pipeline = new ReviewPipeline(ReviewSettings.defaults(Map.of(MallkitApi.VERSION, realApi, "0.1.0", emptyApi), MallkitApi.VERSION, ApiPoints.V1)
                .withTempParent(temp)
                .withChecks(List.of(new NoEvalCheck()))
                // these sample plugins are the test's own code, so the kit may run them in this JVM; a host runs
                // submitted code only in its confined review process (host module, marketplace/isolation)
                .withCodeReview((pkg, config) -> pkg.kind() != PackageKind.JAVA ? List.of()
                        : new ConformanceCheck(ApiPoints.V1, temp, Duration.ofMillis(200), 3, Duration.ofSeconds(5)).check(pkg.packageFile(), pkg.descriptor(), config)));
    }

    @Test
    void aPipelineWithNoConfinedPlaceRunsNoSubmittedCode() throws IOException {
        Path api = Path.of(MallkitApi.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        ReviewPipeline refusing = new ReviewPipeline(ReviewSettings.defaults(Map.of(MallkitApi.VERSION, api), MallkitApi.VERSION, ApiPoints.V1)
                .withTempParent(temp));
        Path jar = SamplePlugins.jar(dir, "fair-club", "acme.FairProgram", SamplePlugins.FAIR_PROGRAM, "MembershipProgram");

        ReviewReport report = refusing.review(jar, ACME);

        assertThat(report.passed()).isFalse();
        assertThat(report.blockingCodes()).containsExactly("CODE_REVIEW_UNAVAILABLE");
    }

    @AfterEach
    void tempSpaceIsEmpty() throws IOException {
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).isEmpty();
        }
    }

    /** Stands in for the host's JavaScript check. */
    static final class NoEvalCheck implements PackageCheck {
        @Override
        public String name() {
            return "js-syntax";
        }

        @Override
        public boolean appliesTo(PackageKind kind) {
            return kind == PackageKind.JAVASCRIPT;
        }

        @Override
        public List<Finding> check(ReviewedPackage pkg) throws IOException {
            return Files.readString(pkg.root().resolve("index.mjs")).contains("eval(")
                    ? List.of(Finding.blocking(name(), "JS_EVAL", "eval is not allowed", "index.mjs")) : List.of();
        }
    }

    @Test
    void conformingJavaPluginPassesWithAMatrix() throws IOException {
        Path jar = SamplePlugins.jar(dir, "fair-club", "acme.FairProgram", SamplePlugins.FAIR_PROGRAM, "MembershipProgram");

        ReviewReport report = pipeline.review(jar, ACME);

        assertThat(report.passed()).isTrue();
        assertThat(report.findings()).extracting(Finding::code, Finding::location)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("COMPAT_INCOMPATIBLE_VERSION", "0.1.0"));
        assertThat(report.kind()).isEqualTo(PackageKind.JAVA);
        assertThat(report.sha256()).isEqualTo(Sha256.of(jar));
        assertThat(report.descriptor().id()).isEqualTo("fair-club");
        assertThat(report.compatibility().get(MallkitApi.VERSION).compatible()).isTrue();
        assertThat(report.compatibility().get("0.1.0").compatible()).isFalse();
    }

    @Test
    void forbiddenCallBlocksAndConformanceIsNotRun() throws IOException {
        String sneaky = SamplePlugins.FAIR_PROGRAM.replace("public class FairProgram", "public class Sneaky")
                .replace("long points = ", "if (member.points() < 0) { System.exit(3); }\n long points = ");
        Path jar = SamplePlugins.jar(dir, "sneaky", "acme.Sneaky", sneaky, "MembershipProgram");

        ReviewReport report = pipeline.review(jar, ACME);

        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).filteredOn(f -> f.code().equals("FORBIDDEN_EXIT")).extracting(Finding::location)
                .anyMatch(location -> location.startsWith("acme.Sneaky#onOrder("));
        assertThat(report.findings()).extracting(Finding::code, Finding::severity)
                .contains(org.assertj.core.groups.Tuple.tuple("CONFORMANCE_SKIPPED", Severity.ADVISORY));
    }

    @Test
    void brokenInvariantFromTheConformanceRunBlocks() throws IOException {
        Path jar = SamplePlugins.jar(dir, "greedy", "acme.GreedyScheme", SamplePlugins.GREEDY_SCHEME, "DistributionScheme");

        ReviewReport report = pipeline.review(jar, ReviewInput.of("acme", Set.of("greedy"), Optional.empty()));

        assertThat(report.blockingCodes()).contains("CONFORMANCE_COMMISSION_ABOVE_ORDER");
        assertThat(report.findings()).filteredOn(f -> f.check().equals("conformance")).extracting(Finding::location)
                .containsOnly("acme.GreedyScheme");
    }

    @Test
    void descriptorProblemsBlock() throws IOException {
        Path jar = SamplePlugins.jar(dir, "fair-club", "acme.FairProgram", SamplePlugins.FAIR_PROGRAM, "MembershipProgram");

        ReviewReport report = pipeline.review(jar, ReviewInput.of("acme", Set.of("other"), Optional.of("1.0.0")));

        assertThat(report.blockingCodes()).contains("DESCRIPTOR_ID_NOT_OWNED", "DESCRIPTOR_VERSION_NOT_GREATER");
    }

    @Test
    void jarWhoseManifestDisagreesWithItsDescriptorBlocksBeforeConformance() throws IOException {
        Path jar = PluginJars.in(dir).source("acme.FairProgram", SamplePlugins.FAIR_PROGRAM).descriptor("fair-club", "1.0.0", "MembershipProgram")
                .resource("META-INF/MANIFEST.MF", PluginJars.manifest("fair-club", "0.9.0", "org.pf4j.Plugin")).build("mismatch.jar");

        ReviewReport report = pipeline.review(jar, ACME);

        assertThat(report.blockingCodes()).containsExactly("DESCRIPTOR_MANIFEST_MISMATCH");
        assertThat(report.findings()).extracting(Finding::code).contains("CONFORMANCE_SKIPPED");
    }

    @Test
    void javaScriptPackageGetsArchiveDescriptorAndHostChecksOnly() throws IOException {
        Path clean = jsPackage("export function targets() { return []; }");
        Path evil = jsPackage("export function targets() { return eval('[]'); }");

        ReviewReport report = pipeline.review(clean, ACME);

        assertThat(report.kind()).isEqualTo(PackageKind.JAVASCRIPT);
        assertThat(report.passed()).isTrue();
        assertThat(report.findings()).extracting(Finding::code)
                .containsExactly("COMPAT_NOT_APPLICABLE", "FORBIDDEN_NOT_APPLICABLE");
        assertThat(pipeline.review(evil, ACME).blockingCodes()).containsExactly("JS_EVAL");
    }

    @Test
    void hostileArchiveIsRefusedBeforeAnythingElse() throws IOException {
        Path zip = dir.resolve("hostile.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("../../escape.txt"));
            out.write("pwned".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        ReviewReport report = pipeline.review(zip, ACME);

        assertThat(report.blockingCodes()).containsExactly("ARCHIVE_PATH_TRAVERSAL");
        assertThat(report.descriptor()).isNull();
        assertThat(dir.resolve("escape.txt")).doesNotExist();
    }

    @Test
    void packageWithoutDescriptorIsRefused() throws IOException {
        Path jar = PluginJars.in(dir).source("acme.FairProgram", SamplePlugins.FAIR_PROGRAM).build("bare.jar");

        assertThat(pipeline.review(jar, ACME).blockingCodes()).contains("DESCRIPTOR_MISSING");
    }

    @Test
    void reportSurvivesAJsonRoundTrip() throws IOException {
        Path jar = SamplePlugins.jar(dir, "fair-club", "acme.FairProgram", SamplePlugins.FAIR_PROGRAM, "MembershipProgram");
        ReviewReport report = pipeline.review(jar, ReviewInput.of("acme", Set.of("other"), Optional.empty()));

        String json = ReviewReports.toJson(report);

        assertThat(json).contains("\"passed\":false", "\"code\":\"DESCRIPTOR_ID_NOT_OWNED\"", "\"severity\":\"BLOCKING\"");
        assertThat(ReviewReports.fromJson(json)).isEqualTo(report);
    }

    private Path jsPackage(String code) throws IOException {
        return PluginJars.in(dir).resource("index.mjs", code).resource("mallkit-plugin.json", """
                {"id":"js-jumps","version":"1.0.0","provider":"acme","extensionPoints":["LiveJumpProvider"],
                 "description":"js","configSchema":{"type":"object"}}
                """).build("js-" + Math.abs(code.hashCode()) + ".zip");
    }
}
