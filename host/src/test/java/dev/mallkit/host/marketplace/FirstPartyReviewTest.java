package dev.mallkit.host.marketplace;

import dev.mallkit.host.Mallkit;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.finding.Severity;
import dev.mallkit.marketplace.review.ReviewReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every first-party package, Java and JavaScript, passes the whole automated review a provider's would,
 * its code run in the isolated review process.
 */
class FirstPartyReviewTest {
    static TestHost host;

    @TempDir
    static Path temp;

    @BeforeAll
    static void start() {
        host = TestHost.start(DbKind.H2);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    static Stream<Path> firstPartyPackages() throws Exception {
        Path dist = Path.of(System.getProperty("mallkit.plugins.dist", "../plugins/target/dist"));
        List<Path> packages;
        try (Stream<Path> files = Files.list(dist)) {
            packages = files.filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".zip")).sorted().toList();
        }
        assertThat(packages).as("first-party packages in " + dist).hasSizeGreaterThanOrEqualTo(10);
        return packages.stream();
    }

    @ParameterizedTest
    @MethodSource("firstPartyPackages")
    void firstPartyPackagePassesTheWholePipeline(Path pkg) throws Exception {
        Reviewer reviewer = new Reviewer(Mallkit.standardPoints(), temp.resolve("review"), List.of(temp.resolve("data")), 1, 0);
        ReviewReport report = reviewer.review(host.mallkit().database().dataSource(), pkg, "mallkit");
        List<Finding> blocking = report.findings().stream().filter(f -> f.severity() == Severity.BLOCKING).toList();
        assertThat(blocking).as(pkg.getFileName() + " blocking findings").isEmpty();
        assertThat(report.passed()).isTrue();
        try (Stream<Path> left = Files.list(temp.resolve("review"))) {
            assertThat(left).as("temp space cleaned").isEmpty();
        }
    }
}
