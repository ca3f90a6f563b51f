package dev.mallkit.marketplace.forbidden;

import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.testing.PluginJars;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class ForbiddenApiCheckTest {
    record Case(String code, String statement) {
        @Override
        public String toString() {
            return code + " " + statement;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("FORBIDDEN_EXIT", "System.exit(1);"),
            new Case("FORBIDDEN_EXIT", "Runtime.getRuntime().halt(1);"),
            new Case("FORBIDDEN_EXIT", "java.util.function.IntConsumer exit = System::exit; exit.accept(1);"),
            new Case("FORBIDDEN_PROCESS", "new ProcessBuilder(\"sh\").start();"),
            new Case("FORBIDDEN_PROCESS", "Runtime.getRuntime().exec(new String[] {\"sh\"});"),
            new Case("FORBIDDEN_REFLECTION", "String.class.getDeclaredField(\"value\").setAccessible(true);"),
            new Case("FORBIDDEN_REFLECTION", "java.lang.invoke.MethodHandles.privateLookupIn(String.class, java.lang.invoke.MethodHandles.lookup());"),
            new Case("FORBIDDEN_NATIVE", "Object u = sun.misc.Unsafe.class;"),
            new Case("FORBIDDEN_FILES", "new java.io.FileInputStream(\"/etc/passwd\").close();"),
            new Case("FORBIDDEN_FILES", "java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"));"),
            new Case("FORBIDDEN_FILES", "new java.io.RandomAccessFile(\"x\", \"r\").close();"),
            new Case("FORBIDDEN_FILES", "java.nio.channels.FileChannel.open(java.nio.file.Path.of(\"x\")).close();"),
            new Case("FORBIDDEN_NETWORK", "new java.net.Socket(\"example.com\", 80).close();"),
            new Case("FORBIDDEN_NETWORK", "new java.net.ServerSocket(0).close();"),
            new Case("FORBIDDEN_NETWORK", "java.net.URI.create(\"http://x\").toURL().openConnection();"),
            new Case("FORBIDDEN_NETWORK", "java.net.http.HttpClient.newHttpClient();"),
            new Case("FORBIDDEN_THREADS", "new Thread(() -> { }).start();"),
            new Case("FORBIDDEN_THREADS", "Thread.ofVirtual().start(() -> { });"),
            new Case("FORBIDDEN_THREADS", "Thread.ofPlatform().start(() -> { });"),
            new Case("FORBIDDEN_THREADS", "java.util.concurrent.Executors.newFixedThreadPool(2);"));

    @TempDir
    static Path dir;
    static List<Finding> findings;

    /** One compilation for every case: each statement is its own method {@code m<index>}. */
    @BeforeAll
    static void scanOnce() throws IOException {
        StringBuilder source = new StringBuilder("package acme; public class Sneaky {\n");
        for (int i = 0; i < CASES.size(); i++) {
            source.append("public void m").append(i).append("() throws Exception { ").append(CASES.get(i).statement()).append(" }\n");
        }
        source.append("public long clean(long a) { return java.util.List.of(a, 2L).stream().mapToLong(Long::longValue).sum()"
                + " + Thread.currentThread().getName().length(); }\n}");
        Path classes = PluginJars.in(dir).source("acme.Sneaky", source.toString())
                .source("acme.MyThread", "package acme; public class MyThread extends Thread { }").compile();
        findings = ForbiddenApiCheck.withPlatformRules().check(classes);
    }

    static IntStream indexes() {
        return IntStream.range(0, CASES.size());
    }

    @ParameterizedTest
    @MethodSource("indexes")
    void directUseIsReportedWithClassMethodAndLine(int index) {
        Case expected = CASES.get(index);

        assertThat(findings).filteredOn(f -> f.location().equals("acme.Sneaky#m" + index + "()V:" + (index + 2)))
                .as(expected.toString())
                .extracting(Finding::code).contains(expected.code());
    }

    @Test
    void everyFindingIsBlocking() {
        assertThat(findings).isNotEmpty().allMatch(Finding::isBlocking);
    }

    @Test
    void subclassingThreadIsReported() {
        assertThat(findings).filteredOn(f -> f.location().equals("acme.MyThread"))
                .extracting(Finding::code).contains("FORBIDDEN_THREADS");
    }

    @Test
    void plainComputationHasNoFindings() {
        assertThat(findings).noneMatch(f -> f.location().startsWith("acme.Sneaky#clean"));
    }
}
