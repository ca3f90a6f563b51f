package dev.mallkit.host;

import dev.mallkit.host.auth.AuthHandler;
import dev.mallkit.host.auth.Tokens;
import dev.mallkit.host.config.MallkitConfig;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.http.ErrorHandler;
import dev.mallkit.host.http.SystemRoutes;
import dev.mallkit.host.tenant.TenantRoutes;
import dev.mallkit.host.tenant.Tenants;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;

/**
 * The embeddable host. {@link #create} it on an existing {@link Vertx}, mount {@link #router()} where
 * you like (e.g. {@code parent.route("/mall/*").subRouter(mallkit.router())}), and {@link #close()} it
 * when done. {@link Main} runs it standalone.
 */
public final class Mallkit {
    private final MallkitConfig config;
    private final Database db;
    private final Router router;
    private final Bootstrap.Result bootstrap;

    private Mallkit(MallkitConfig config, Database db, Router router, Bootstrap.Result bootstrap) {
        this.config = config;
        this.db = db;
        this.router = router;
        this.bootstrap = bootstrap;
    }

    /**
     * Opens the database (migrating it), bootstraps the admin token and seed data, and builds the router.
     *
     * @return the host, once ready
     */
    public static Future<Mallkit> create(Vertx vertx, MallkitConfig config) {
        return vertx.executeBlocking(() -> Database.open(config), false).compose(db -> {
            Tokens tokens = new Tokens(db);
            Tenants tenants = new Tenants(db, tokens);
            return db.offLoop(() -> new Bootstrap(db, tokens, config).run()).map(result -> {
                Router router = Router.router(vertx);
                router.route().handler(BodyHandler.create(false).setBodyLimit(config.bodyLimit()));
                SystemRoutes system = new SystemRoutes(db);
                system.mount(router);
                AuthHandler auth = new AuthHandler(tokens);
                system.mountMetrics(router, auth);
                router.route("/v1/*").handler(auth);
                new TenantRoutes(tenants).mount(router);
                router.route().failureHandler(ErrorHandler::handle);
                for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 500}) {
                    router.errorHandler(status, ErrorHandler::handle);
                }
                return new Mallkit(config, db, router, result);
            }).onFailure(e -> db.close());
        });
    }

    /** @return the router serving the whole HTTP contract */
    public Router router() {
        return router;
    }

    /** @return the configuration in use */
    public MallkitConfig config() {
        return config;
    }

    /** @return the admin token generated on this start, present only on the very first start */
    public Optional<String> generatedAdminToken() {
        return Optional.ofNullable(bootstrap.generatedAdminToken());
    }

    /** @return the demo merchant token generated on this start, present only when the demo was seeded now */
    public Optional<String> demoMerchantToken() {
        return Optional.ofNullable(bootstrap.demoMerchantToken());
    }

    /** Releases the database pool and every loaded plugin. */
    public void close() {
        db.close();
    }
}
