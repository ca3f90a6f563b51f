package dev.mallkit.host.http;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads from callers without a valid token are refused before their bodies are read: the host answers at once
 * and buffers nothing, however many arrive together. The host runs in this JVM, so its heap is this heap.
 */
class UnreadBodyTest {
    private static final int UPLOADS = 20;
    private static final long SIZE = 20L * 1024 * 1024;
    private static final long MIB = 1024 * 1024;

    TestHost host;
    HttpClient client;

    @BeforeEach
    void start() {
        host = TestHost.start(DbKind.H2);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        if (host != null) {
            host.close();
        }
    }

    /** A package body streamed at about 6 MiB/s, so a whole one takes over 3 s to send. */
    private static HttpRequest.BodyPublisher slowPackage(long size) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
            long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                int n = (int) Math.min(Math.min(len, 64 * 1024), left);
                left -= n;
                return n;
            }
        }), size);
    }

    private HttpRequest upload(String token, long declared) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/v1/marketplace/submissions"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/java-archive");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.POST(slowPackage(declared)).build();
    }

    /** One answer and how long it took; status 0 when the connection closed before an answer was read. */
    private record Answer(int status, String body, long millis) {
    }

    private CompletableFuture<Answer> send(HttpRequest request) {
        long start = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((r, e) -> new Answer(r == null ? 0 : r.statusCode(), r == null ? String.valueOf(e) : r.body(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void concurrentAnonymousLargeUploadsAreAnswered401PromptlyWithoutGrowingTheHeap() throws Exception {
        long before = usedHeapAfterGc();
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            // half without a token, half with one the host has to look up
            answers.add(send(upload(i % 2 == 0 ? null : "mk_p_not-a-real-token-" + i, SIZE)));
        }
        long peak = 0;
        // an upload takes over 3 s to send: a host reading bodies would hold them during these samples
        for (int sample = 0; sample < 6; sample++) {
            Thread.sleep(500);
            peak = Math.max(peak, usedHeapAfterGc() - before);
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        System.out.printf("%d anonymous uploads of %d MiB: heap growth after GC at most %d MiB, slowest answer %d ms%n", UPLOADS,
                SIZE / MIB, peak / MIB, answers.stream().mapToLong(a -> a.join().millis()).max().orElse(0));
        assertThat(peak).as("heap growth in MiB: %d", peak / MIB).isLessThan(100 * MIB);
        for (CompletableFuture<Answer> answer : answers) {
            assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(401);
            assertThat(answer.get().millis()).as("answered before the body was sent").isLessThan(3000);
        }
    }

    @Test
    void declaredBodyOverTheLimitIsRefused413AtOnceEvenForAProvider() throws Exception {
        String provider = host.post("/v1/admin/providers", TestHost.ADMIN_TOKEN, Map.of("id", "acme", "name", "Acme")).json().getString("token");

        Answer answer = send(upload(provider, SIZE + 1)).get(30, TimeUnit.SECONDS);

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("BODY_TOO_LARGE");
        assertThat(answer.millis()).isLessThan(3000);
    }

    @Test
    void authenticatedProviderStillSubmitsAPackage() throws Exception {
        String provider = host.post("/v1/admin/providers", TestHost.ADMIN_TOKEN, Map.of("id", "acme", "name", "Acme")).json().getString("token");

        // a body the review reads as bytes: not a package, so it is refused by review, after being read
        Answer answer = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/v1/marketplace/submissions"))
                .header("Authorization", "Bearer " + provider).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray("not a zip".getBytes())).build()).get(60, TimeUnit.SECONDS);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.body()).contains("REJECTED_AUTOMATICALLY");
    }
}
