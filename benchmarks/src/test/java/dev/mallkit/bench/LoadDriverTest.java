package dev.mallkit.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/** The load driver against a real loopback server, for one short second: the suite never runs a benchmark. */
class LoadDriverTest {
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> {
            if (req.path().equals("/fail")) {
                req.response().setStatusCode(500).end();
            } else {
                req.body().onSuccess(body -> req.response().end(req.method() + " " + body.length() + " " + req.getHeader("Authorization")));
            }
        }).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(5, TimeUnit.SECONDS);
    }

    @Test
    void countsSuccessfulResponsesAndRecordsTheirLatency() throws Exception {
        LoadDriver driver = new LoadDriver(vertx, 4, Duration.ofMillis(200), Duration.ofSeconds(1));

        LoadDriver.Result result = driver.run("ok", server.actualPort(), n -> new LoadDriver.Call(HttpMethod.POST, "/ok", "{\"n\":" + n + "}"), "t");

        assertThat(result.requests()).isPositive();
        assertThat(result.errors()).isZero();
        assertThat(result.latency().getTotalCount()).isEqualTo(result.requests());
        assertThat(result.perSecond()).isEqualTo(result.requests() / 1.0);
        assertThat(result.millis(99)).isPositive().isLessThan(1_000);
    }

    @Test
    void countsNon2xxAnswersAsErrorsNotAsRequests() throws Exception {
        LoadDriver driver = new LoadDriver(vertx, 2, Duration.ofMillis(100), Duration.ofMillis(500));

        LoadDriver.Result result = driver.run("half", server.actualPort(), n -> LoadDriver.Call.get(n % 2 == 0 ? "/ok" : "/fail"), null);

        assertThat(result.errors()).isPositive();
        assertThat(result.requests()).isPositive();
        assertThat((double) result.requests()).isCloseTo(result.errors(), withinPercentage(10));
    }
}
