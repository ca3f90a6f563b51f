package dev.mallkit.host;

import dev.mallkit.host.config.MallkitConfig;
import dev.mallkit.host.live.LiveModule;
import dev.mallkit.host.membership.MembershipModule;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void anEmbedderCanLeaveADomainOut() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            MallkitConfig config = MallkitConfig.from(Map.of(
                    "MALLKIT_DATA_DIR", dataDir.toString(),
                    "MALLKIT_ADMIN_TOKEN", "mk_a_embedded-admin"));
            Mallkit mallkit = Mallkit.create(vertx, config, List.of(new MembershipModule(), new LiveModule(() -> null)))
                    .await(60, TimeUnit.SECONDS);
            HttpServer server = vertx.createHttpServer().requestHandler(mallkit.router()).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.actualPort();
            String merchant = send(client, base + "/v1/admin/merchants", "mk_a_embedded-admin", "{\"id\":\"m1\",\"name\":\"M\"}").body();
            String token = new io.vertx.core.json.JsonObject(merchant).getString("token");
            send(client, base + "/v1/stores", token, "{\"id\":\"s1\",\"name\":\"S\"}");

            HttpResponse<String> members = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/stores/s1/members/u1"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> referrals = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/stores/s1/members/u1/team"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> catalog = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/marketplace/catalog"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(members.body()).as("membership runs").doesNotContain("no route matches");
            assertThat(referrals.statusCode()).as("distribution left out: no referral routes").isEqualTo(404);
            assertThat(referrals.body()).contains("no route matches");
            assertThat(catalog.statusCode()).as("marketplace left out: no catalog").isEqualTo(404);
            assertThat(mallkit.catalog()).isNotNull();
            mallkit.close();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> send(HttpClient client, String url, String token, String json) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response;
    }
}
