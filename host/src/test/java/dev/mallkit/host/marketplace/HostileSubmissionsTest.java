package dev.mallkit.host.marketplace;

import dev.mallkit.host.runtime.TestPluginJar;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.host.testing.TestHost.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twenty hostile submissions at once (modules that spin or exhaust memory when loaded, Java that calls
 * forbidden APIs, zip bombs) leave the host serving: {@code /health} never fails, and another tenant's
 * reads stay within twice their p99 measured just before, in the same run; on H2 and MariaDB.
 */
class HostileSubmissionsTest {
    private static final Logger LOG = LoggerFactory.getLogger(HostileSubmissionsTest.class);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DbKind.class)
    void twentyHostileSubmissionsNeitherFailHealthNorSlowOtherTenants(DbKind kind) throws Exception {
        try (TestHost host = unlimitedHost(kind)) {
            String merchant = host.merchant("calm-merchant");
            host.store(merchant, "calm");
            String provider = MarketHost.provider(host, "hostile-provider");
            List<Path> packages = hostilePackages();

            List<Long> warmup = reads(host, merchant, 200);
            List<Long> before = reads(host, merchant, 400);
            long p99Before = p99(before);

            List<Integer> health = new CopyOnWriteArrayList<>();
            List<Long> during = Collections.synchronizedList(new ArrayList<>());
            List<Response> answers;
            try (ExecutorService submitters = Executors.newVirtualThreadPerTaskExecutor()) {
                List<CompletableFuture<Response>> submitted = packages.stream()
                        .map(p -> CompletableFuture.supplyAsync(() -> submit(host, provider, p), submitters)).toList();
                CompletableFuture<Void> all = CompletableFuture.allOf(submitted.toArray(CompletableFuture[]::new));
                while (!all.isDone()) {
                    health.add(host.get("/health", null).status());
                    during.addAll(reads(host, merchant, 20));
                }
                answers = submitted.stream().map(CompletableFuture::join).toList();
            }
            long p99During = p99(during);
            LOG.info("{}: tenant read p99 before {} us, during {} hostile reviews {} us ({} reads, warm-up median {} us)",
                    kind, p99Before / 1000, packages.size(), p99During / 1000, during.size(), warmup.get(warmup.size() / 2) / 1000);

            assertThat(answers).extracting(Response::status).containsOnly(201);
            assertThat(answers).allSatisfy(r -> assertThat(r.json().getString("status")).isEqualTo("REJECTED_AUTOMATICALLY"));
            assertThat(health).isNotEmpty().containsOnly(200);
            assertThat(p99During).as("p99 during hostile reviews vs. before").isLessThanOrEqualTo(2 * p99Before);
        }
    }

    /** The calm tenant reads as fast as it can: its rate limit would answer 429 long before the reviews matter. */
    private static TestHost unlimitedHost(DbKind kind) {
        System.setProperty("mallkit.rate.limit", "0");
        try {
            return TestHost.start(kind);
        } finally {
            System.clearProperty("mallkit.rate.limit");
        }
    }

    private List<Path> hostilePackages() throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(MarketHost.jsZip(dir, "spin-" + i, "hostile-provider", "while (true) {}\nexport function targets() { return []; }"));
        }
        for (int i = 0; i < 5; i++) {
            out.add(MarketHost.jsZip(dir, "hog-" + i, "hostile-provider",
                    "const keep = []; while (true) { keep.push(new Array(1 << 20).fill(" + i + ")); }\nexport function targets() { return []; }"));
        }
        for (int i = 0; i < 6; i++) {
            out.add(TestPluginJar.liveJumpProvider("halt-" + i, "1.0.0", "Runtime.getRuntime().halt(" + i + "); return List.of();")
                    .build(dir.resolve("jars")));
        }
        for (int i = 0; i < 4; i++) {
            out.add(zipBomb(dir.resolve("bomb-" + i + ".zip")));
        }
        return out;
    }

    /** 128 MiB of zeros (twice the archive limit) deflated to about 128 KiB. */
    private static Path zipBomb(Path zip) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("index.mjs"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 128; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        return zip;
    }

    /**
     * The merchant's own store mix, a tenant's read through authentication, the database and the snapshot cache,
     * at a steady 100 per second: a busy merchant, not a load test that would itself take the cores.
     */
    /** Reviews queue one after another here (half of two cores), so the last answer may take minutes. */
    private static Response submit(TestHost host, String token, Path file) {
        try {
            return host.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/v1/marketplace/submissions"))
                    .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", file.toString().endsWith(".zip") ? "application/zip" : "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Long> reads(TestHost host, String merchant, int count) throws InterruptedException {
        List<Long> nanos = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Thread.sleep(10);
            long start = System.nanoTime();
            Response r = host.get("/v1/stores/calm/features", merchant);
            nanos.add(System.nanoTime() - start);
            assertThat(r.status()).isEqualTo(200);
        }
        return nanos;
    }

    private static long p99(List<Long> samples) {
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
    }
}
