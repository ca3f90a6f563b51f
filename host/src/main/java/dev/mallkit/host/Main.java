package dev.mallkit.host;

import dev.mallkit.host.cluster.ClusterSettings;
import dev.mallkit.host.cluster.ClusteredVertx;
import dev.mallkit.host.config.MallkitConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the host standalone: {@code ./mvnw -Prun package} from the repository root. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        MallkitConfig config = MallkitConfig.load();
        Vertx vertx;
        try {
            if (config.cluster()) {
                ClusterSettings.requireSharedKeys(config);
                vertx = ClusteredVertx.start(config.clusterSettings(), new VertxOptions()).await(90, TimeUnit.SECONDS);
            } else {
                vertx = Vertx.vertx();
            }
        } catch (Exception e) {
            LOG.error("Mallkit could not join the cluster: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Mallkit mallkit;
        HttpServer server;
        try {
            mallkit = Mallkit.create(vertx, config).await(120, TimeUnit.SECONDS);
            server = vertx.createHttpServer(new HttpServerOptions().setHost(config.httpHost()))
                    .requestHandler(mallkit.router())
                    .listen(config.httpPort())
                    .await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.error("Mallkit failed to start: {}", e.getMessage(), e);
            vertx.close();
            System.exit(1);
            return;
        }
        String url = "http://localhost:" + server.actualPort();
        StringBuilder banner = new StringBuilder("\n  Mallkit is running at ").append(url)
                .append("\n  data: ").append(config.dataDir())
                .append("\n  database: ").append(config.embeddedDatabase() ? "embedded H2" : config.jdbcUrl())
                .append("\n  cluster: ").append(config.cluster() ? config.clusterSettings().toString() : "off");
        mallkit.generatedAdminToken().ifPresent(t -> banner.append("\n  admin token (shown once, stored only as a hash): ").append(t));
        mallkit.demoMerchantToken().ifPresent(t -> banner.append("\n  demo merchant token for store 'demo-store' (shown once): ").append(t));
        banner.append("\n  Ctrl-C stops it.\n");
        System.out.println(banner);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close().await(10, TimeUnit.SECONDS);
                mallkit.close();
                vertx.close().await(10, TimeUnit.SECONDS);
                System.out.println("Mallkit stopped.");
            } catch (Exception e) {
                System.err.println("Mallkit stopped with an error: " + e);
            } finally {
                stopped.countDown();
            }
        }, "mallkit-shutdown"));
        stopped.await();
    }
}
