package dev.mallkit.host.reliability;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of a standalone host (its own JVM) under a stream of order events: after a restart on the
 * same data, every acknowledged event is there (a redelivery is answered as a replay) and every event whose
 * answer was lost applies exactly once when redelivered.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class HostCrashTest {
    private static final String ADMIN = "mk_a_crash-test-admin-token-0123456789";

    @Parameter
    DbKind kind;

    @TempDir
    Path dataDir;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void acknowledgedEventsSurviveKillNineAndLostAnswersApplyOnceWhenRedelivered() throws Exception {
        try (TestDatabase database = TestDatabase.create(kind)) {
            Map<String, String> settings = new HashMap<>(database.env(dataDir));
            settings.put("MALLKIT_ADMIN_TOKEN", ADMIN);
            settings.put("MALLKIT_SEED_PLUGINS", Tenancy.withPlugins(Map.of()).get("MALLKIT_SEED_PLUGINS"));
            List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
            List<String> unanswered = Collections.synchronizedList(new ArrayList<>());
            try (HostProcess host = HostProcess.start(settings, Files.createTempFile("mallkit-crash-", ".log"))) {
                String merchant = post(host, "/v1/admin/merchants", ADMIN, new JsonObject().put("id", "m").put("name", "M"))
                        .getString("token");
                post(host, "/v1/stores", merchant, new JsonObject().put("id", "s").put("name", "S"));
                put(host, "/v1/stores/s/features/" + Tenancy.PLUGIN, merchant,
                        new JsonObject().put("version", "1.0.0").put("config", new JsonObject().put("pointsPerYuan", 1)));

                AtomicBoolean running = new AtomicBoolean(true);
                AtomicInteger sequence = new AtomicInteger();
                try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                    for (int t = 0; t < 4; t++) {
                        pool.submit(() -> {
                            while (running.get()) {
                                String order = "o" + sequence.incrementAndGet();
                                int status = send(host, order, merchant);
                                (status == 200 ? acknowledged : unanswered).add(order);
                                Thread.sleep(20);
                            }
                            return null;
                        });
                    }
                    Thread.sleep(3_000);
                    host.kill();
                    running.set(false);
                }
                assertThat(acknowledged).as("events were acknowledged before the kill").hasSizeGreaterThan(10);
                host.restart();

                for (String order : acknowledged) {
                    HttpResponse<String> replay = event(host, order, merchant);
                    assertThat(replay.statusCode()).as(order + ": " + replay.body()).isEqualTo(200);
                    assertThat(replay.headers().firstValue("Idempotent-Replayed")).as(order + " was committed").hasValue("true");
                }
                for (String order : unanswered) {
                    assertThat(redeliver(host, order, merchant)).as(order + " redelivered").isEqualTo(200);
                    assertThat(redeliver(host, order, merchant)).as(order + " redelivered twice").isEqualTo(200);
                }
                System.out.printf("host crash (%s): %d events acknowledged before kill -9, %d unanswered, all present or"
                        + " applied once after restart%n", kind, acknowledged.size(), unanswered.size());
            }
            List<String> all = new ArrayList<>(acknowledged);
            all.addAll(unanswered);
            assertThat(awardsPerOrder(database)).as("one award per order, no more").containsOnlyKeys(all)
                    .allSatisfy((order, count) -> assertThat(count).as(order).isEqualTo(1));
        }
    }

    private Map<String, Integer> awardsPerOrder(TestDatabase database) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = database.connect(dataDir);
             PreparedStatement ps = c.prepareStatement(
                     "SELECT order_id, COUNT(*) FROM member_ledger WHERE store_id = 's' AND order_id LIKE 'o%' GROUP BY order_id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /** Redelivers until the host answers other than 503/429 (a plugin over its budget on a busy machine rolls back). */
    private int redeliver(HostProcess host, String order, String token) throws InterruptedException {
        int status = -1;
        for (int attempt = 0; attempt < 20 && (status == -1 || status == 503 || status == 429); attempt++) {
            status = send(host, order, token);
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        return status;
    }

    /** @return the status, or -1 when the host did not answer (killed) */
    private int send(HostProcess host, String order, String token) {
        try {
            return event(host, order, token).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private HttpResponse<String> event(HostProcess host, String order, String token) throws Exception {
        return client.send(request(host, "/v1/stores/s/orders/" + order + "/events", token)
                .POST(HttpRequest.BodyPublishers.ofString(Tenancy.paid("member-" + order, 1, 10_000).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject post(HostProcess host, String path, String token, JsonObject body) throws Exception {
        HttpResponse<String> r = client.send(request(host, path, token).POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body());
    }

    private void put(HostProcess host, String path, String token, JsonObject body) throws Exception {
        HttpResponse<String> r = client.send(request(host, path, token).PUT(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static HttpRequest.Builder request(HostProcess host, String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    }
}
