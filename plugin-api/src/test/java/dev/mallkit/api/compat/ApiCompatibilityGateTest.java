package dev.mallkit.api.compat;

import dev.mallkit.api.MallkitApi;
import japicmp.cmp.JApiCmpArchive;
import japicmp.cmp.JarArchiveComparator;
import japicmp.exception.JApiCmpException;
import japicmp.output.incompatible.IncompatibleErrorOutput;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.ExtensionPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves the build's API gate: the committed v1.0 baseline against the API compiled now, edited
 * with ASM to stand in for a source change, judged by japicmp's core with the pom's options.
 */
class ApiCompatibilityGateTest {
    private static final String MONEY = "dev/mallkit/api/Money.class";
    private static final String LIVE_JUMP_PROVIDER = "dev/mallkit/api/live/LiveJumpProvider.class";

    @TempDir
    Path dir;

    private GateOptions gate;

    @BeforeEach
    void readTheBuildsOptions() {
        gate = GateOptions.fromPom(Path.of(System.getProperty("api.pom")));
        assertThat(gate.options().isErrorOnBinaryIncompatibility()).isTrue();
    }

    @Test
    void unchangedApiPassesTheGate() {
        assertThatCode(() -> runGate(Map.of())).doesNotThrowAnyException();
    }

    @Test
    void removedPublicMethodFailsTheGate() {
        assertThatThrownBy(() -> runGate(Map.of(MONEY, ClassEdits.removeMethod("zero", "(Ljava/lang/String;)Ldev/mallkit/api/Money;"))))
                .isInstanceOf(JApiCmpException.class)
                .hasMessageContaining("dev.mallkit.api.Money.zero(java.lang.String):METHOD_REMOVED");
    }

    @Test
    void addedPublicMethodPassesTheGate() {
        assertThatCode(() -> runGate(Map.of(MONEY, ClassEdits.addBooleanMethod("isZero", true))))
                .doesNotThrowAnyException();
    }

    @Test
    void addedDefaultMethodOnExtensionPointPassesTheGate() {
        assertThatCode(() -> runGate(Map.of(LIVE_JUMP_PROVIDER, ClassEdits.addBooleanMethod("supportsReplays", true))))
                .doesNotThrowAnyException();
    }

    @Test
    void addedAbstractMethodOnExtensionPointFailsTheGate() {
        // links for the JVM, but every plugin built against v1 would throw AbstractMethodError
        assertThatThrownBy(() -> runGate(Map.of(LIVE_JUMP_PROVIDER, ClassEdits.addBooleanMethod("supportsReplays", false))))
                .isInstanceOf(JApiCmpException.class)
                .hasMessageContaining("METHOD_ADDED_TO_INTERFACE");
    }

    /** Compares the baseline with the current classes after {@code edits}; throws as the build would fail. */
    private void runGate(Map<String, UnaryOperator<byte[]>> edits) {
        Path current = ApiJars.jar(locationOf(MallkitApi.class), dir.resolve("plugin-api-current.jar"), edits);
        var baseline = new JApiCmpArchive(Path.of(System.getProperty("api.baseline")).toFile(), "1.0.0");
        var candidate = new JApiCmpArchive(current.toFile(), "1.0.1");
        gate.options().setOldArchives(List.of(baseline));
        gate.options().setNewArchives(List.of(candidate));
        // the plugin puts the module's dependencies (pf4j, provided) on the comparator's class path
        var comparator = new JarArchiveComparator(gate.comparatorOptions(List.of(locationOf(ExtensionPoint.class).toString())));
        new IncompatibleErrorOutput(gate.options(), comparator.compare(baseline, candidate), comparator).generate();
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
