package dev.mallkit.host.marketplace.isolation;

import dev.mallkit.api.MallkitApi;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.host.Mallkit;
import dev.mallkit.host.runtime.TestPluginJar;
import dev.mallkit.marketplace.descriptor.DescriptorParser;
import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.review.PackageKind;
import dev.mallkit.marketplace.review.ReviewedPackage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each probe is a plugin a provider could submit, run as review runs it: in the jailed child JVM. Static
 * analysis would refuse all of them before they ran; these tests prove the jail holds for code that evades it.
 * Each probe reports what it reached in an exception message, which comes back as a finding's excerpt.
 */
class IsolatedCodeReviewTest {
    @TempDir
    static Path temp;
    static Path data;
    static Path keyFile;
    static String secret;

    @BeforeAll
    static void hostSecrets() throws IOException {
        data = Files.createDirectories(temp.resolve("data"));
        keyFile = Files.createDirectories(data.resolve("keys")).resolve("platform.key");
        secret = "SECRET-" + UUID.randomUUID();
        Files.writeString(keyFile, secret);
        boolean jail = review(ReviewLimits.defaults()).available();
        if ("true".equals(System.getenv("CI"))) {
            assertThat(jail).as("bubblewrap works on CI (.ci/run installs it)").isTrue();
        }
        assumeTrue(jail, "bubblewrap (apt-get install bubblewrap) is needed to run submitted code at review");
    }

    static IsolatedCodeReview review(ReviewLimits limits) {
        return new IsolatedCodeReview(Mallkit.standardPoints(), temp.resolve("work"), List.of(data), limits, Duration.ofMillis(500), 1, Duration.ofSeconds(5));
    }

    @Test
    void probeSeesNoHostEnvironmentKeyFileProcessNetworkOrWritableHostPath() throws Exception {
        Path outside = temp.resolve("outside.txt");
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(200);
            AtomicInteger accepted = new AtomicInteger();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try (var ignored = listener.accept()) {
                        accepted.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        // keep listening until the review is over
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            String probe = """
                    StringBuilder r = new StringBuilder("PROBE");
                    r.append(" env=").append(new TreeSet<>(System.getenv().keySet()));
                    r.append(" key=").append(attempt(() -> java.nio.file.Files.readString(java.nio.file.Path.of("%s"))));
                    r.append(" procEnv=").append(attempt(() -> {
                        StringBuilder all = new StringBuilder();
                        try (var dirs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
                            for (var d : dirs.toList()) {
                                try { all.append(new String(java.nio.file.Files.readAllBytes(d.resolve("environ")))); } catch (Exception e) { }
                            }
                        }
                        return all.toString().contains("HOME=") ? "HOME-SEEN" : "clean";
                    }));
                    r.append(" exec=").append(attempt(() -> new ProcessBuilder("%s").start().toString()));
                    r.append(" write=").append(attempt(() -> java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "x").toString()));
                    r.append(" tmp=").append(attempt(() -> java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/ok"), "x").toString()));
                    r.append(" lo=").append(attempt(() -> new java.net.Socket("127.0.0.1", %d).toString()));
                    r.append(" net=").append(attempt(() -> new java.net.Socket("1.1.1.1", 80).toString()));
                    throw new IllegalStateException(r.toString());
                    """.formatted(keyFile, Path.of(System.getProperty("java.home"), "bin", "java"), outside, listener.getLocalPort());
            List<Finding> findings = review(ReviewLimits.defaults()).run(pkg(probeJar("reach-probe", probe)), PluginConfig.empty());
            listener.close();
            acceptor.join();

            String report = findings.stream().map(Finding::message).filter(m -> m.contains("PROBE")).findFirst().orElseThrow(
                    () -> new AssertionError("no probe report in " + findings));
            assertThat(report).contains("env=[LANG, PWD, TMPDIR]")
                    .contains("key=NoSuchFileException")
                    .contains("procEnv=clean")
                    .contains("exec=IOException")
                    .contains("write=NoSuchFileException")
                    .contains("tmp=/tmp/ok")
                    .contains("lo=ConnectException")
                    .contains("net=").doesNotContain("net=Socket[")
                    .doesNotContain(secret);
            assertThat(accepted).hasValue(0);
            assertThat(outside).doesNotExist();
        }
    }

    @Test
    void haltingTheJvmEndsOnlyTheReviewProcess() throws Exception {
        List<Finding> findings = review(ReviewLimits.defaults()).run(pkg(probeJar("halt-probe", "Runtime.getRuntime().halt(0); return List.of();")),
                PluginConfig.empty());

        assertThat(findings).extracting(Finding::code).containsExactly("REVIEW_CRASHED");
    }

    @Test
    void codeSpinningThroughInterruptsIsKilledAtTheDeadline() throws Exception {
        String spin = "while (true) { try { Thread.sleep(1); } catch (InterruptedException e) { } for (int i = 0; i < 1_000_000; i++) { Math.sqrt(i); } }";
        long start = System.nanoTime();
        List<Finding> findings = review(ReviewLimits.defaults().withTime(Duration.ofSeconds(8), 60)).run(pkg(staticInitProbe("spin-probe", spin)),
                PluginConfig.empty());

        assertThat(findings).extracting(Finding::code).containsExactly("REVIEW_TIMEOUT");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void codeBurningCpuIsStoppedByTheCpuLimit() throws Exception {
        String burn = "long x = 0; while (true) { x += System.nanoTime() % 7; if (x == -1) { break; } }";
        List<Finding> findings = review(ReviewLimits.defaults().withTime(Duration.ofSeconds(60), 4)).run(pkg(staticInitProbe("cpu-probe", burn)),
                PluginConfig.empty());

        assertThat(findings).extracting(Finding::code).containsExactly("REVIEW_CPU_EXCEEDED");
    }

    @Test
    void codeExhaustingTheHeapIsAFindingNotAHostProblem() throws Exception {
        String hog = "List<long[]> hog = new ArrayList<>(); while (true) { hog.add(new long[1 << 20]); }";
        List<Finding> findings = review(ReviewLimits.defaults()).run(pkg(probeJar("heap-probe", hog)), PluginConfig.empty());

        assertThat(findings).extracting(Finding::code).containsExactly("REVIEW_MEMORY_EXCEEDED");
    }

    @Test
    void javaScriptAllocatingPastTheHeapInOneGoAtLoadIsAFinding() throws Exception {
        // one allocation, which no in-process budget can stop before it happens: the review process's heap does
        Path zip = temp.resolve("big-load.zip");
        String descriptor = """
                {"id": "big-load", "version": "1.0.0", "provider": "test", "requires": ">=1.0.0 & <2.0.0",
                 "extensionPoints": ["LiveJumpProvider"], "configSchema": {"type": "object"}}
                """;
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry(MallkitApi.DESCRIPTOR_RESOURCE));
            out.write(descriptor.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.putNextEntry(new java.util.zip.ZipEntry("index.mjs"));
            out.write("const big = new Uint8Array(1 << 30);\nexport function targets() { return []; }\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        PluginDescriptor parsed = new DescriptorParser().parse(descriptor.getBytes(java.nio.charset.StandardCharsets.UTF_8)).descriptor().orElseThrow();
        List<Finding> findings = review(ReviewLimits.defaults()).run(new ReviewedPackage(zip, temp, PackageKind.JAVASCRIPT, parsed, List.of()),
                PluginConfig.empty());

        assertThat(findings).extracting(Finding::code).containsExactly("REVIEW_MEMORY_EXCEEDED");
    }

    @Test
    void whatTheCodePrintsNeverReachesTheHostBeyondABoundedExcerpt() throws Exception {
        String loud = "System.out.println(\"{\\\"findings\\\":[]}\"); throw new IllegalStateException(\"\\u202Eevil\\n\" + \"x\".repeat(100_000));";
        List<Finding> findings = review(ReviewLimits.defaults()).run(pkg(probeJar("loud-probe", loud)), PluginConfig.empty());

        assertThat(findings).isNotEmpty().allSatisfy(f -> {
            assertThat(f.message().length()).isLessThanOrEqualTo(ChildFindings.MAX_MESSAGE + 1);
            assertThat(f.message()).doesNotContain("\u202E").doesNotContain("\n");
            assertThat(f.check()).isIn("conformance", "js-syntax");
        });
        assertThat(findings).extracting(Finding::code).contains("CONFORMANCE_UNEXPECTED_EXCEPTION");
    }

    /** A live-jump plugin whose {@code targets} runs {@code body}, with a helper that names what an attempt threw. */
    private static Path probeJar(String id, String body) {
        return jar(id, "", body);
    }

    /** A plugin whose extension class runs {@code body} when it is loaded, before any call the kit could time. */
    private static Path staticInitProbe(String id, String body) {
        return jar(id, "  static { load(); }\n  static void load() {\n" + body + "\n  }\n", "return List.of();");
    }

    private static Path jar(String id, String members, String targetsBody) {
        String helper = """
                  interface Attempt { Object run() throws Exception; }
                  static String attempt(Attempt a) {
                    try { return String.valueOf(a.run()); } catch (Throwable e) { return e.getClass().getSimpleName(); }
                  }
                """;
        String className = TestPluginJar.jumpProviderClass(id);
        String pkg = className.substring(0, className.lastIndexOf('.'));
        String source = "package " + pkg + ";\nimport dev.mallkit.api.*;\nimport dev.mallkit.api.live.*;\nimport java.util.*;\n"
                + "@org.pf4j.Extension\npublic class Jumps implements LiveJumpProvider {\n" + helper + members
                + "  @Override public List<JumpTarget> targets(PluginContext ctx, JumpRequest request) {\n" + targetsBody + "\n  }\n}\n";
        return TestPluginJar.plugin(id, "1.0.0").extension(className, source).extensionPoints("LiveJumpProvider").build(temp.resolve("jars"));
    }

    private static ReviewedPackage pkg(Path jar) throws IOException {
        PluginDescriptor descriptor;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            descriptor = new DescriptorParser().parse(zip.getInputStream(zip.getEntry(MallkitApi.DESCRIPTOR_RESOURCE)).readAllBytes())
                    .descriptor().orElseThrow();
        }
        return new ReviewedPackage(jar, temp, PackageKind.JAVA, descriptor, List.of());
    }
}
