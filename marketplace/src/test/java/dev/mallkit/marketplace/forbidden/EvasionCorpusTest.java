package dev.mallkit.marketplace.forbidden;

import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.testing.PluginJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evasion corpus: 73 probes (64 compiled by javac, 9 written with ASM), all scanned together as
 * one plugin; each must be reported with its code at its call site. Run over the same references,
 * the exact-name rules this check replaced caught 1 of the 73 ({@code Runtime::halt} as a method
 * reference, kept because the issue names it).
 */
class EvasionCorpusTest {
    static final List<Probe> CORPUS = EvasionCorpus.all();

    @TempDir
    static Path dir;
    static List<Finding> findings;

    @BeforeAll
    static void scanTheWholeCorpusAsOnePlugin() throws IOException {
        PluginJars jars = PluginJars.in(dir);
        CORPUS.stream().filter(p -> p.source() != null).forEach(p -> jars.source(p.className(), p.source()));
        Path classes = jars.compile();
        for (Probe probe : CORPUS.stream().filter(p -> p.bytes() != null).toList()) {
            Path file = classes.resolve(probe.className().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, probe.bytes());
        }
        findings = ForbiddenApiCheck.withPlatformRules().check(classes);
    }

    static List<Probe> corpus() {
        return CORPUS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void evasionIsReportedWithItsCodeAtItsCallSite(Probe probe) {
        assertThat(findings).filteredOn(f -> f.location().equals(probe.location()))
                .as("%s at %s; all findings of %s: %s", probe, probe.location(), probe.className(),
                        findings.stream().filter(f -> f.location().startsWith(probe.className())).toList())
                .extracting(Finding::code).contains(probe.code());
    }

    @Test
    void corpusHoldsAtLeastFortyDistinctProbes() {
        assertThat(CORPUS).hasSize(73);
        assertThat(CORPUS.stream().map(Probe::name).distinct()).hasSize(CORPUS.size());
    }

    @Test
    void everyFindingIsBlockingAndNamesTheTarget() {
        assertThat(findings).isNotEmpty().allMatch(Finding::isBlocking)
                .allMatch(f -> f.check().equals("forbidden") && !f.message().isBlank());
    }
}
