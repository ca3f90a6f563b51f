package dev.mallkit.host.http;

import dev.mallkit.host.db.Dialect;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A lock held past the database's lock timeout is a transient conflict: retried, and finally a 503 the client may resend, never a 500. */
class DatabaseBusyTest {

    @Test
    void aLockWaitThatTimesOutIsTransientAndAnswers503WithRetryAfter() throws Exception {
        SQLException timeout = lockWaitTimeout();
        assertThat(Dialect.isTransient(timeout)).as(timeout.toString()).isTrue();

        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            router.get("/busy").handler(ctx -> ctx.fail(new RuntimeException("the order transaction failed", timeout)));
            router.route().failureHandler(ErrorHandler::handle);
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/busy")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(response.body()).contains("\"code\":\"DATABASE_BUSY\"");
        } finally {
            vertx.close().await();
        }
    }

    /** @return the error H2 raises when a row stays locked by another transaction beyond LOCK_TIMEOUT */
    private static SQLException lockWaitTimeout() throws SQLException {
        String url = "jdbc:h2:mem:busy;MODE=MySQL;LOCK_TIMEOUT=100;DB_CLOSE_DELAY=-1";
        try (Connection holder = DriverManager.getConnection(url); Connection waiter = DriverManager.getConnection(url)) {
            try (Statement s = holder.createStatement()) {
                s.execute("CREATE TABLE balances (id INT PRIMARY KEY, points BIGINT)");
                s.execute("INSERT INTO balances VALUES (1, 0)");
            }
            holder.setAutoCommit(false);
            waiter.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT points FROM balances WHERE id = 1 FOR UPDATE").close();
            }
            try (Statement s = waiter.createStatement()) {
                return catchThrowableOfType(SQLException.class, () -> s.executeQuery("SELECT points FROM balances WHERE id = 1 FOR UPDATE"));
            } finally {
                holder.rollback();
            }
        }
    }
}
