package dev.mallkit.host.testing;

import dev.mallkit.host.Mallkit;
import dev.mallkit.host.config.MallkitConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real host on a random loopback port over a fresh {@link TestDatabase}, with a plain JDK HTTP client.
 * The event loop's blocked-thread threshold is tight (200 ms) and any blocked-thread warning fails the test
 * when the host closes ({@link BlockedThreads}).
 */
public final class TestHost implements AutoCloseable {
    public static final String ADMIN_TOKEN = "mk_a_test-admin-token-0123456789";

    private final TestDatabase database;
    private final Path dataDir;
    private final Vertx vertx;
    private final Mallkit mallkit;
    private final HttpServer server;
    private final BlockedThreads blocked;
    /** False for a host started {@link #beside} another: the other owns the database, data directory and Vert.x. */
    private final boolean owner;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestHost(TestDatabase database, Path dataDir, Vertx vertx, Mallkit mallkit, HttpServer server,
                     BlockedThreads blocked, boolean owner) {
        this.blocked = blocked;
        this.owner = owner;
        this.database = database;
        this.dataDir = dataDir;
        this.vertx = vertx;
        this.mallkit = mallkit;
        this.server = server;
    }

    /** Starts a host on a fresh database of {@code kind}. */
    public static TestHost start(DbKind kind) {
        return start(kind, Map.of());
    }

    /** Starts a host on a fresh database of {@code kind} with extra {@code MALLKIT_*} settings. */
    public static TestHost start(DbKind kind, Map<String, String> settings) {
        TestDatabase database = TestDatabase.create(kind);
        try {
            Path dataDir = Files.createTempDirectory("mallkit-test-");
            Map<String, String> extra = new HashMap<>(settings);
            extra.putIfAbsent("MALLKIT_ADMIN_TOKEN", ADMIN_TOKEN);
            // a cold first call into a plugin (class loading, JIT) on a busy 2-core machine can pass 200 ms; tests
            // that are about the time budget set their own
            extra.putIfAbsent("MALLKIT_PLUGIN_BUDGET_MS", "1000");
            extra.putIfAbsent("MALLKIT_JS_BUDGET_MS", "3000");
            MallkitConfig config = database.config(dataDir, extra);
            Vertx vertx = Vertx.vertx(new VertxOptions()
                    .setBlockedThreadCheckInterval(100)
                    .setMaxEventLoopExecuteTime(200)
                    .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
            BlockedThreads blocked = BlockedThreads.watch(vertx);
            Mallkit mallkit = Mallkit.create(vertx, config).await(60, TimeUnit.SECONDS);
            HttpServer server = vertx.createHttpServer().requestHandler(mallkit.router())
                    .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
            return new TestHost(database, dataDir, vertx, mallkit, server, blocked, true);
        } catch (Exception e) {
            database.close();
            throw new IllegalStateException("test host failed to start: " + e.getMessage(), e);
        }
    }

    /**
     * Starts a second host on {@code first}'s database and Vert.x, as two hosts of a cluster: the shared Vert.x's
     * event bus reaches both, as a clustered one does. Both must be started with the same
     * {@code MALLKIT_SECRET_KEY} and {@code MALLKIT_SIGNING_KEY} in {@code settings}; close this one first.
     */
    public static TestHost beside(TestHost first, Map<String, String> settings) {
        try {
            Path dataDir = Files.createTempDirectory("mallkit-test-");
            Map<String, String> extra = new HashMap<>(settings);
            extra.putIfAbsent("MALLKIT_ADMIN_TOKEN", ADMIN_TOKEN);
            extra.putIfAbsent("MALLKIT_PLUGIN_BUDGET_MS", "1000");
            if (first.database.kind() == DbKind.H2) {
                // the embedded database lives in the first host's data directory; one JVM shares it by URL
                extra.put("MALLKIT_JDBC_URL", MallkitConfig.from(first.database.env(first.dataDir)).jdbcUrl());
                extra.put("MALLKIT_JDBC_USER", "sa");
                extra.put("MALLKIT_JDBC_PASSWORD", "");
            }
            MallkitConfig config = first.database.config(dataDir, extra);
            Mallkit mallkit = Mallkit.create(first.vertx, config).await(60, TimeUnit.SECONDS);
            HttpServer server = first.vertx.createHttpServer().requestHandler(mallkit.router())
                    .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
            awaitCaughtUp(first.mallkit, mallkit);
            return new TestHost(first.database, dataDir, first.vertx, mallkit, server, first.blocked, false);
        } catch (Exception e) {
            throw new IllegalStateException("second test host failed to start: " + e.getMessage(), e);
        }
    }

    /**
     * A host fetches the versions it lacks in the background after it starts (cluster catch-up), and until it has,
     * its stores' mixes leave them out: tests that compare hosts wait for it, as a load balancer's warm-up would.
     */
    private static void awaitCaughtUp(Mallkit first, Mallkit second) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (var plugin : first.catalog().loaded()) {
            String id = plugin.descriptor().id();
            String version = plugin.descriptor().version();
            while (second.catalog().loaded(id, version).isEmpty() && second.catalog().failure(id, version).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the second host did not load " + id + " " + version + " within 60 s");
                }
                Thread.sleep(20);
            }
        }
    }

    public int port() {
        return server.actualPort();
    }

    public Mallkit mallkit() {
        return mallkit;
    }

    public TestDatabase database() {
        return database;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A response: status, headers and the body as text and, when JSON, parsed. */
    public record Response(int status, String text, Map<String, java.util.List<String>> headers) {
        public JsonObject json() {
            return new JsonObject(text);
        }

        public io.vertx.core.json.JsonArray array() {
            return new io.vertx.core.json.JsonArray(text);
        }

        public String errorCode() {
            return json().getJsonObject("error").getString("code");
        }
    }

    /** Sends {@code method path} with an optional bearer token and JSON body. */
    public Response call(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            String text = body instanceof String s ? s : io.vertx.core.json.Json.encode(body);
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(request.build());
    }

    /** Sends a prepared request to this host. */
    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, String token) {
        return call("GET", path, token, null);
    }

    public Response post(String path, String token, Object body) {
        return call("POST", path, token, body);
    }

    /** Creates a merchant and returns its token. */
    public String merchant(String id) {
        Response r = post("/v1/admin/merchants", ADMIN_TOKEN, Map.of("id", id, "name", "Merchant " + id));
        if (r.status() != 201) {
            throw new IllegalStateException("merchant creation failed: " + r);
        }
        return r.json().getString("token");
    }

    /** Creates a store for the merchant holding {@code merchantToken}. */
    public void store(String merchantToken, String storeId) {
        Response r = post("/v1/stores", merchantToken, Map.of("id", storeId, "name", "Store " + storeId));
        if (r.status() != 201) {
            throw new IllegalStateException("store creation failed: " + r);
        }
    }

    /** Issues a storefront key for {@code storeId}. */
    public String storefront(String merchantToken, String storeId) {
        Response r = post("/v1/stores/" + storeId + "/keys", merchantToken, null);
        if (r.status() != 201) {
            throw new IllegalStateException("key creation failed: " + r);
        }
        return r.json().getString("token");
    }

    @Override
    public void close() {
        try {
            server.close().await(10, TimeUnit.SECONDS);
            mallkit.close();
            if (owner) {
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (owner) {
                database.close();
            }
            deleteTree(dataDir);
        }
        if (!owner) {
            return;
        }
        // after the database is gone, so a failing check still releases everything
        blocked.assertNone();
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: temp space
        }
    }
}
