package dev.mallkit.marketplace.compat;

import dev.mallkit.api.MallkitApi;
import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.testing.PluginJars;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ApiCompatibilityCheckTest {
    private static final String OLD_MONEY = """
            package dev.mallkit.api;
            public record Money(long minor, String currency) {
                public static Money of(long minor, String currency) { return new Money(minor, currency); }
            }
            """;
    private static final String NEW_MONEY = """
            package dev.mallkit.api;
            public record Money(long minor, String currency) {
                public static Money of(long minor, String currency) { return new Money(minor, currency); }
                public Money times(int bps) { return new Money(minor * bps / 10000, currency); }
            }
            """;
    private static final String BASE = "package dev.mallkit.api; public class Base { public int inherited; public void hello() { } }";
    private static final String CHILD = "package dev.mallkit.api; public class Child extends Base implements Greeter { }";
    private static final String GREETER = "package dev.mallkit.api; public interface Greeter { default String greet() { return \"hi\"; } }";

    private static final String LISTENER_V1 = "package dev.mallkit.api; public interface Listener { void on(String e); }";
    private static final String LISTENER_V2 = "package dev.mallkit.api; public interface Listener { void on(String e); void off(); "
            + "default void reset() { } }";

    @TempDir
    static Path dir;
    static Path oldApi;
    static Path newApi;

    @BeforeAll
    static void buildApis() throws IOException {
        oldApi = PluginJars.in(dir.resolve("old")).classpath(dir).source("dev.mallkit.api.Money", OLD_MONEY)
                .source("dev.mallkit.api.Base", BASE).source("dev.mallkit.api.Child", CHILD)
                .source("dev.mallkit.api.Greeter", GREETER).source("dev.mallkit.api.Listener", LISTENER_V1).build("api-0.9.jar");
        newApi = PluginJars.in(dir.resolve("new")).classpath(dir).source("dev.mallkit.api.Money", NEW_MONEY)
                .source("dev.mallkit.api.Base", BASE).source("dev.mallkit.api.Child", CHILD)
                .source("dev.mallkit.api.Greeter", GREETER).source("dev.mallkit.api.Listener", LISTENER_V2)
                .source("dev.mallkit.api.NewThing", "package dev.mallkit.api; public class NewThing { public static final String X = \"x\"; }")
                .build("api-1.1.jar");
    }

    @Test
    void pluginUsingOnlyOldMembersIsCompatibleWithBoth() throws IOException {
        Path plugin = PluginJars.in(dir.resolve("p1")).classpath(newApi).source("acme.Uses", """
                package acme;
                import dev.mallkit.api.*;
                public class Uses {
                    public String run(Child child) {
                        child.hello();
                        child.inherited++;
                        Money m = Money.of(100, "CNY");
                        return m.toString() + m.minor() + m.hashCode() + child.greet() + child.equals(m);
                    }
                }
                """).compile();

        Map<String, VersionCompatibility> matrix = ApiCompatibilityCheck.matrix(plugin, Map.of("0.9.0", oldApi, "1.1.0", newApi));

        assertThat(matrix).containsOnlyKeys("0.9.0", "1.1.0");
        assertThat(matrix.values()).allSatisfy(v -> assertThat(v.missing()).isEmpty());
    }

    @Test
    void memberMissingFromOlderApiIsBlockingWithPluginLocation() throws IOException {
        Path plugin = PluginJars.in(dir.resolve("p2")).classpath(newApi).source("acme.Uses", """
                package acme;
                import dev.mallkit.api.*;
                public class Uses {
                    public long run() {
                        java.util.function.Supplier<NewThing> make = NewThing::new;
                        return Money.of(100, "CNY").times(500).minor() + make.get().hashCode();
                    }
                }
                """).compile();

        Map<String, VersionCompatibility> matrix = ApiCompatibilityCheck.matrix(plugin, Map.of("0.9.0", oldApi, "1.1.0", newApi));

        assertThat(matrix.get("1.1.0").compatible()).isTrue();
        VersionCompatibility old = matrix.get("0.9.0");
        assertThat(old.compatible()).isFalse();
        assertThat(old.missing()).allMatch(Finding::isBlocking)
                .extracting(Finding::code, Finding::location)
                .contains(org.assertj.core.groups.Tuple.tuple("COMPAT_MISSING_METHOD", "acme.Uses#run()J"),
                        org.assertj.core.groups.Tuple.tuple("COMPAT_MISSING_CLASS", "acme.Uses#run()J"));
        assertThat(old.missing()).extracting(Finding::message).anyMatch(m -> m.contains("dev.mallkit.api.Money.times(I)"));
    }

    @Test
    void abstractMethodAddedByNewerApiIsUnimplemented() throws IOException {
        Path plugin = PluginJars.in(dir.resolve("p4")).classpath(oldApi).source("acme.OnlyOn", """
                package acme;
                public class OnlyOn implements dev.mallkit.api.Listener { public void on(String e) { } }
                """).source("acme.Base", """
                package acme;
                public abstract class Base implements dev.mallkit.api.Listener { }
                """).compile();

        Map<String, VersionCompatibility> matrix = ApiCompatibilityCheck.matrix(plugin, Map.of("0.9.0", oldApi, "1.1.0", newApi));

        assertThat(matrix.get("0.9.0").compatible()).isTrue();
        assertThat(matrix.get("1.1.0").missing()).extracting(Finding::code, Finding::location)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("COMPAT_UNIMPLEMENTED_METHOD", "acme.OnlyOn"));
        assertThat(matrix.get("1.1.0").missing().getFirst().message()).contains("dev.mallkit.api.Listener.off()V");
    }

    @Test
    void realPluginResolvesAgainstTheRealApiIncludingJdkInheritedMembers() throws IOException, URISyntaxException {
        Path realApi = Path.of(MallkitApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path plugin = PluginJars.in(dir.resolve("p3")).source("acme.Real", """
                package acme;
                import dev.mallkit.api.*;
                public class Real {
                    public String run() {
                        PluginException e = new PluginException(ErrorCategory.USER_ERROR, "NOPE", "no");
                        return e.getMessage() + e.code() + Money.of(1, "CNY").times(BasisPoints.of(100)) + MallkitApi.VERSION
                                + PluginConfig.empty().getLong("x", 1) + e.getStackTrace().length;
                    }
                }
                """).compile();

        assertThat(ApiCompatibilityCheck.matrix(plugin, Map.of(MallkitApi.VERSION, realApi)).get(MallkitApi.VERSION).missing()).isEmpty();
    }
}
