package dev.mallkit.bench;

import dev.mallkit.host.Mallkit;
import dev.mallkit.host.config.MallkitConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real host on a loopback port over a fresh database (embedded H2, or a new schema on the MariaDB/MySQL
 * server named by {@code MALLKIT_TEST_MYSQL_URL}, as {@code .ci/mariadb start} exports), seeded with the
 * first-party plugin jars of {@code -Dmallkit.plugins.dist}, with the setup calls a benchmark needs.
 */
public final class BenchHost implements AutoCloseable {
    public static final String ADMIN_TOKEN = "mk_a_bench-admin-token-0123456789";

    private final BenchDatabase database;
    private final Path dataDir;
    private final Vertx vertx;
    private final Mallkit mallkit;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private BenchHost(BenchDatabase database, Path dataDir, Vertx vertx, Mallkit mallkit, HttpServer server) {
        this.database = database;
        this.dataDir = dataDir;
        this.vertx = vertx;
        this.mallkit = mallkit;
        this.server = server;
    }

    /** Starts a host over {@code database} with the first-party plugins seeded. */
    public static BenchHost start(BenchDatabase database) {
        return start(database, Map.of("MALLKIT_SEED_PLUGINS", pluginsDist().toString()));
    }

    /** Starts a host over {@code database} with extra {@code MALLKIT_*} settings. */
    public static BenchHost start(BenchDatabase database, Map<String, String> settings) {
        try {
            Path dataDir = Files.createTempDirectory("mallkit-bench-");
            Map<String, String> env = new HashMap<>(database.env(dataDir));
            env.put("MALLKIT_HTTP_PORT", "0");
            env.put("MALLKIT_HTTP_HOST", "127.0.0.1");
            env.put("MALLKIT_ADMIN_TOKEN", ADMIN_TOKEN);
            env.putAll(settings);
            Vertx vertx = Vertx.vertx();
            Mallkit mallkit = Mallkit.create(vertx, MallkitConfig.from(env)).await(120, TimeUnit.SECONDS);
            HttpServer server = vertx.createHttpServer().requestHandler(mallkit.router()).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
            return new BenchHost(database, dataDir, vertx, mallkit, server);
        } catch (Exception e) {
            throw new IllegalStateException("bench host failed to start: " + e.getMessage(), e);
        }
    }

    /** @return where the first-party plugin jars were built ({@code ./mvnw -B -q install -DskipTests}) */
    public static Path pluginsDist() {
        Path dist = Path.of(System.getProperty("mallkit.plugins.dist", "plugins/target/dist")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dist)) {
            throw new IllegalStateException("no plugin jars at " + dist + ": run ./mvnw -B -q install -DskipTests first");
        }
        return dist;
    }

    public Mallkit mallkit() {
        return mallkit;
    }

    public Vertx vertx() {
        return vertx;
    }

    public int port() {
        return server.actualPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Sends {@code method path} with a bearer token and a JSON body; fails unless the status is 2xx. */
    public JsonObject call(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.encode(body)));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            String text = response.body();
            return text.startsWith("{") ? new JsonObject(text) : new JsonObject().put("body", text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a merchant and returns its token. */
    public String merchant(String id) {
        return call("POST", "/v1/admin/merchants", ADMIN_TOKEN, Map.of("id", id, "name", "Merchant " + id)).getString("token");
    }

    /** Creates {@code storeId}, enables {@code features} (plugin id to config) in order, and returns a storefront key. */
    public String store(String merchantToken, String storeId, Map<String, Map<String, Object>> features) {
        call("POST", "/v1/stores", merchantToken, Map.of("id", storeId, "name", "Store " + storeId));
        features.forEach((pluginId, config) -> call("PUT", "/v1/stores/" + storeId + "/features/" + pluginId, merchantToken,
                Map.of("version", "1.0.0", "config", config)));
        return call("POST", "/v1/stores/" + storeId + "/keys", merchantToken, null).getString("token");
    }

    @Override
    public void close() {
        try {
            server.close().await(10, TimeUnit.SECONDS);
            mallkit.close();
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            database.close();
            BenchDatabase.deleteTree(dataDir);
        }
    }
}
