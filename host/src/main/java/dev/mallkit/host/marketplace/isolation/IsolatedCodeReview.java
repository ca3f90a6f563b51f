package dev.mallkit.host.marketplace.isolation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.host.isolation.BubblewrapJail;
import dev.mallkit.host.isolation.ChildClassPath;
import dev.mallkit.host.kernel.ExtensionPoints;
import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.review.CodeReview;
import dev.mallkit.marketplace.review.ReviewedPackage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Runs the code-executing step of a review ({@link ReviewChild}) in a child JVM inside a
 * {@link BubblewrapJail}, one process per review, and turns whatever happens to it into findings: its answer,
 * or a crash, an exhausted heap or CPU, or the deadline, after which the whole jail is killed. Without a
 * working jail no submitted code runs: the review says so with a blocking finding.
 */
public final class IsolatedCodeReview implements CodeReview {
    private static final Logger LOG = LoggerFactory.getLogger(IsolatedCodeReview.class);
    /** {@code -XX:+ExitOnOutOfMemoryError} exits with this status. */
    private static final int OUT_OF_MEMORY = 3;
    /** Killed by SIGXCPU (the soft {@code RLIMIT_CPU}) or SIGKILL (the hard one), as a shell reports them. */
    private static final List<Integer> CPU_EXHAUSTED = List.of(128 + 24, 128 + 9);

    private final Optional<BubblewrapJail> jail;
    private final List<Path> classPath;
    private final Path workParent;
    private final ReviewLimits limits;
    private final Duration budget;
    private final int unloadCycles;
    private final Duration collectTimeout;
    private final ExtensionPoints points;

    /**
     * @param points       the extension points the host runs: the review process rebuilds them from their specs' names
     * @param workParent   where each review's input directory is made (and removed); bound read-only into the jail
     * @param privateRoots the host's private directories (data, keys, plugins): never bound into the jail
     * @param budget       the time budget of one warm extension call in the conformance kit
     */
    public IsolatedCodeReview(ExtensionPoints points, Path workParent, List<Path> privateRoots, ReviewLimits limits, Duration budget,
                              int unloadCycles, Duration collectTimeout) {
        this.points = requireNonNull(points, "points is null");
        this.workParent = requireNonNull(workParent, "workParent is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.budget = requireNonNull(budget, "budget is null");
        this.unloadCycles = unloadCycles;
        this.collectTimeout = requireNonNull(collectTimeout, "collectTimeout is null");
        Path javaHome = Path.of(System.getProperty("java.home"));
        this.jail = insideSystemDirectories(privateRoots, javaHome) ? Optional.empty()
                : BubblewrapJail.find(javaHome, limits.jail(), jvmOptions(limits));
        this.classPath = ChildClassPath.of(System.getProperty("java.class.path"), privateRoots);
        if (jail.isEmpty()) {
            LOG.warn("bubblewrap (bwrap) and prlimit are missing or may not create namespaces here: submitted plugins will not be run "
                    + "at review and cannot pass it (docs/marketplace.md, Review isolation)");
        }
    }

    /** The jail binds the system directories and the JDK whole: a private directory inside them would be in reach. */
    private static boolean insideSystemDirectories(List<Path> privateRoots, Path javaHome) {
        List<Path> bound = List.of(Path.of("/usr"), Path.of("/lib"), Path.of("/lib64"), Path.of("/lib32"), Path.of("/bin"),
                Path.of("/sbin"), javaHome);
        for (Path root : privateRoots) {
            Path normal = root.toAbsolutePath().normalize();
            if (bound.stream().anyMatch(normal::startsWith)) {
                LOG.warn("{} lies inside a directory the review jail shows to submitted code; no submitted code will run", normal);
                return true;
            }
        }
        return false;
    }

    /** @return whether submitted code can be run here at all */
    public boolean available() {
        return jail.isPresent();
    }

    @Override
    public List<Finding> run(ReviewedPackage pkg, PluginConfig config) throws IOException {
        if (jail.isEmpty()) {
            return List.of(Finding.blocking("conformance", "REVIEW_ISOLATION_UNAVAILABLE",
                    "the submitted code was not run: this host has no isolated review process (bubblewrap); ask the platform", ""));
        }
        Path input = Files.createTempDirectory(Files.createDirectories(workParent), "review-");
        try {
            Files.copy(pkg.packageFile(), input.resolve(ReviewChild.PACKAGE));
            Files.writeString(input.resolve(ReviewChild.REQUEST), request(config));
            return runJailed(input, pkg.kind().name());
        } finally {
            deleteTree(input);
        }
    }

    private List<Finding> runJailed(Path input, String kind) throws IOException {
        List<String> program = new ArrayList<>(List.of(jail.get().java().toString()));
        program.addAll(jvmOptions(limits));
        program.addAll(List.of("-Djava.io.tmpdir=/tmp", "-Dpolyglot.engine.WarnInterpreterOnly=false", "-Dslf4j.internal.verbosity=ERROR",
                "-cp", String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()),
                ReviewChild.class.getName(), kind));
        long start = System.nanoTime();
        Process process = jail.get().process(input, classPath, limits.jail(), program)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("review-answer").start(() -> answer.complete(readBounded(process.getInputStream())));
        try {
            if (!process.waitFor(limits.wallTime().toMillis(), TimeUnit.MILLISECONDS)) {
                BubblewrapJail.kill(process);
                return List.of(Finding.blocking("conformance", "REVIEW_TIMEOUT", "the plugin's code did not finish within "
                        + limits.wallTime().toSeconds() + " s of review and was stopped", ""));
            }
            byte[] out = answer.get(5, TimeUnit.SECONDS);
            int status = process.exitValue();
            LOG.info("review process for a {} package ended with status {} after {} ms", kind, status,
                    (System.nanoTime() - start) / 1_000_000);
            if (out.length > limits.outputBytes()) {
                return List.of(Finding.blocking("conformance", "REVIEW_ANSWER_TOO_LARGE", "the review process answered more than "
                        + limits.outputBytes() + " bytes", ""));
            }
            if (status == 0 && out.length > 0) {
                return ChildFindings.read(new String(out, StandardCharsets.UTF_8));
            }
            return List.of(ended(status));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reviewing", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return List.of(Finding.blocking("conformance", "REVIEW_ANSWER_MALFORMED", "the review process's answer could not be read", ""));
        } finally {
            BubblewrapJail.kill(process);
        }
    }

    /**
     * One core, a small fixed footprint: reservations (class space, code cache) sized to fit {@code RLIMIT_AS}; the
     * client compiler only, since a review process lives seconds; exit at once when the heap runs out.
     */
    private static List<String> jvmOptions(ReviewLimits limits) {
        return List.of("-Xmx" + limits.heapMiB() + "m", "-Xss1m", "-XX:MaxMetaspaceSize=192m", "-XX:CompressedClassSpaceSize=128m",
                "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:ActiveProcessorCount=1", "-XX:+ExitOnOutOfMemoryError", "-Xshare:auto");
    }

    private Finding ended(int status) {
        if (status == OUT_OF_MEMORY) {
            return Finding.blocking("conformance", "REVIEW_MEMORY_EXCEEDED", "the plugin's code exhausted the review's "
                    + limits.heapMiB() + " MiB heap", "");
        }
        if (CPU_EXHAUSTED.contains(status)) {
            return Finding.blocking("conformance", "REVIEW_CPU_EXCEEDED", "the plugin's code used more than "
                    + limits.cpuSeconds() + " s of CPU time and was stopped", "");
        }
        return Finding.blocking("conformance", "REVIEW_CRASHED", "the review process ended (status " + status
                + ") before answering: the plugin's code stopped the JVM or crashed it", "");
    }

    private String request(PluginConfig config) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("config", config.asMap());
        request.put("budgetMillis", budget.toMillis());
        request.put("unloadCycles", unloadCycles);
        request.put("collectTimeoutMillis", collectTimeout.toMillis());
        request.put("extensionPointSpecs", points.specClassNames());
        return new ObjectMapper().writeValueAsString(request);
    }

    private byte[] readBounded(InputStream in) {
        try (in) {
            // one byte past the cap tells an oversized answer from one that fits
            byte[] out = in.readNBytes(limits.outputBytes() + 1);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return out;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
