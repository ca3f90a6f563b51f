package dev.mallkit.host;

import dev.mallkit.host.config.MallkitConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The host embedded in another Vert.x application, mounted under a prefix. */
class EmbeddingTest {
    @TempDir
    Path dataDir;

    @Test
    void hostMountsUnderAPrefixInAnotherApplication() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            MallkitConfig config = MallkitConfig.from(Map.of(
                    "MALLKIT_DATA_DIR", dataDir.toString(),
                    "MALLKIT_ADMIN_TOKEN", "mk_a_embedded-admin"));
            Mallkit mallkit = Mallkit.create(vertx, config).await(60, TimeUnit.SECONDS);
            Router app = Router.router(vertx);
            app.get("/shop/hello").handler(ctx -> ctx.end("the host application"));
            app.route("/mall/*").subRouter(mallkit.router());
            HttpServer server = vertx.createHttpServer().requestHandler(app).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);

            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.actualPort();
            HttpResponse<String> own = client.send(HttpRequest.newBuilder(URI.create(base + "/shop/hello")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/mall/health")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(base + "/mall/v1/admin/merchants"))
                    .header("Authorization", "Bearer mk_a_embedded-admin")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"m1\",\"name\":\"Embedded\"}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(own.body()).isEqualTo("the host application");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(Files.exists(dataDir.resolve("db/mallkit.mv.db"))).isTrue();
            mallkit.close();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
