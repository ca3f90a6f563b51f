package dev.mallkit.host;

import dev.mallkit.host.config.MallkitConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default keeps its data across restarts and generates the admin token once. */
class RestartTest {
    @TempDir
    Path dataDir;

    @Test
    void restartKeepsDataAndTheAdminTokenIsGeneratedOnlyOnce() throws Exception {
        MallkitConfig config = MallkitConfig.from(Map.of("MALLKIT_DATA_DIR", dataDir.toString(),
                "MALLKIT_SEED_PLUGINS", dataDir.resolve("no-plugins").toString()));
        Vertx vertx = Vertx.vertx();
        try {
            Mallkit first = Mallkit.create(vertx, config).await(60, TimeUnit.SECONDS);
            String admin = first.generatedAdminToken().orElseThrow();
            String demoMerchant = first.demoMerchantToken().orElseThrow();
            int port = listen(vertx, first.router());
            JsonObject created = WebClient.create(vertx).post(port, "127.0.0.1", "/v1/admin/providers")
                    .bearerTokenAuthentication(admin)
                    .sendJsonObject(new JsonObject().put("id", "acme").put("name", "Acme")).await().bodyAsJsonObject();
            first.close();

            Mallkit second = Mallkit.create(vertx, config).await(60, TimeUnit.SECONDS);
            assertThat(second.generatedAdminToken()).isEmpty();
            assertThat(second.demoMerchantToken()).isEmpty();
            int port2 = listen(vertx, second.router());
            WebClient client = WebClient.create(vertx);
            int again = client.post(port2, "127.0.0.1", "/v1/admin/providers").bearerTokenAuthentication(admin)
                    .sendJsonObject(new JsonObject().put("id", "acme").put("name", "Acme")).await().statusCode();
            int demoKey = client.post(port2, "127.0.0.1", "/v1/stores/demo-store/keys").bearerTokenAuthentication(demoMerchant)
                    .send().await().statusCode();
            second.close();

            assertThat(created.getString("token")).isNotBlank();
            assertThat(again).as("the provider survived the restart").isEqualTo(409);
            assertThat(demoKey).as("the seeded demo store survived the restart").isEqualTo(201);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static int listen(Vertx vertx, Router router) throws Exception {
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
    }
}
