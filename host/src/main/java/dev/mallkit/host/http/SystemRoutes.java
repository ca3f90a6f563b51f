package dev.mallkit.host.http;

import dev.mallkit.host.auth.Principal;
import dev.mallkit.host.auth.Role;
import dev.mallkit.host.db.Database;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@code /health}, {@code /metrics} and {@code /openapi.yaml}. */
public final class SystemRoutes {
    private final Database db;
    private final Buffer openApi;
    private final List<Consumer<StringBuilder>> metricSources = new CopyOnWriteArrayList<>();
    private final List<Supplier<Map<String, Object>>> healthSources = new CopyOnWriteArrayList<>();

    public SystemRoutes(Database db) {
        this.db = db;
        this.openApi = resource("openapi.yaml");
    }

    /** Adds a writer of Prometheus text to {@code /metrics}. */
    public void addMetrics(Consumer<StringBuilder> source) {
        metricSources.add(source);
    }

    /** Adds fields to {@code /health}. */
    public void addHealth(Supplier<Map<String, Object>> source) {
        healthSources.add(source);
    }

    public void mount(Router router) {
        router.get("/health").handler(this::health);
        router.get("/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("content-type", "application/yaml; charset=utf-8").end(openApi));
    }

    /** Mounts {@code /metrics} for admins, authenticated by {@code auth}. */
    public void mountMetrics(Router router, io.vertx.core.Handler<RoutingContext> auth) {
        router.get("/metrics").handler(auth).handler(ctx -> {
            Principal.require(ctx, Role.ADMIN);
            metrics(ctx);
        });
    }

    /** Serves Prometheus text to anyone: mount only on the ops port or behind an admin check. */
    public void metrics(RoutingContext ctx) {
        StringBuilder out = new StringBuilder(4096);
        metricSources.forEach(source -> source.accept(out));
        ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(out.toString());
    }

    private void health(RoutingContext ctx) {
        db.read(this::ping).onComplete(result -> {
            JsonObject body = new JsonObject()
                    .put("status", result.succeeded() ? "UP" : "DOWN")
                    .put("database", new JsonObject()
                            .put("status", result.succeeded() ? "UP" : "DOWN")
                            .put("dialect", db.dialect().name()));
            healthSources.forEach(source -> source.get().forEach(body::put));
            Responses.json(ctx, result.succeeded() ? 200 : 503, body);
        });
    }

    private Boolean ping(Connection c) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1")) {
            ps.setQueryTimeout(2);
            return ps.executeQuery().next();
        }
    }

    private static Buffer resource(String name) {
        try (InputStream in = SystemRoutes.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the host jar");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
