package dev.mallkit.marketplace.archive;

import dev.mallkit.marketplace.finding.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HostileArchiveCorpusTest {
    @TempDir
    static Path sandbox;
    static Path temp;
    static Path input;

    @BeforeAll
    static void createSandbox() throws IOException {
        temp = Files.createDirectories(sandbox.resolve("tmp"));
        input = Files.createDirectories(sandbox.resolve("input"));
    }

    static List<HostileCorpus.HostileCase> corpus() {
        return HostileCorpus.all();
    }

    @Test
    void corpusHoldsAtLeastThreeHundredHostileArchives() {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(300);
    }

    /** The host loads through {@link CheckedArchive}: it must refuse every case with the code review gives. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void loadingRefusesWhatReviewRefusesWithTheSameCode(HostileCorpus.HostileCase hostile) {
        UnsafeArchiveException refused = catchThrowableOfType(UnsafeArchiveException.class,
                () -> CheckedArchive.of(hostile.zip(), HostileCorpus.LIMITS));

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.findings()).isNotEmpty().allMatch(Finding::isBlocking);
        if (hostile.expectedCode() != null) {
            assertThat(refused.findings()).extracting(Finding::code).contains(hostile.expectedCode());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostileArchiveIsRefusedAndLeavesNothingBehind(HostileCorpus.HostileCase hostile) throws IOException {
        Path zip = input.resolve("package.zip");
        Files.write(zip, hostile.zip());
        List<Path> before = snapshot();

        UnsafeArchiveException refused = catchThrowableOfType(UnsafeArchiveException.class,
                () -> new SafeExtractor(HostileCorpus.LIMITS, temp).extract(zip).close());

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.findings()).isNotEmpty().allMatch(Finding::isBlocking);
        if (hostile.expectedCode() != null) {
            assertThat(refused.findings()).extracting(Finding::code).contains(hostile.expectedCode());
        }
        assertThat(snapshot()).as("nothing written in the sandbox").isEqualTo(before);
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).as("temp space empty").isEmpty();
        }
        Files.delete(zip);
    }

    private static List<Path> snapshot() throws IOException {
        try (Stream<Path> paths = Files.walk(sandbox)) {
            return paths.sorted().toList();
        }
    }
}
