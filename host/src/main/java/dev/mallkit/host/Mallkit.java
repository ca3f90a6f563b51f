package dev.mallkit.host;

import dev.mallkit.host.auth.AuthHandler;
import dev.mallkit.host.auth.Tokens;
import dev.mallkit.host.config.MallkitConfig;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.distribution.ReferralBinder;
import dev.mallkit.host.distribution.TreeReferralBinder;
import dev.mallkit.host.guard.GuardPolicy;
import dev.mallkit.host.guard.GuardedInvoker;
import dev.mallkit.host.guard.PluginMetrics;
import dev.mallkit.host.jobs.Scheduler;
import dev.mallkit.host.js.JsLimits;
import dev.mallkit.host.js.JsWorkerPool;
import dev.mallkit.host.js.JsPluginLoader;
import dev.mallkit.host.order.OrderEvents;
import dev.mallkit.host.order.OrderRoutes;
import dev.mallkit.host.plugins.PluginCatalog;
import dev.mallkit.host.plugins.PluginInstaller;
import dev.mallkit.host.plugins.PlatformSigning;
import dev.mallkit.host.runtime.JavaPluginRuntime;
import dev.mallkit.host.store.FeatureMix;
import dev.mallkit.host.store.FeatureRoutes;
import dev.mallkit.host.store.SecretBox;
import java.time.Clock;
import dev.mallkit.host.http.ErrorHandler;
import dev.mallkit.host.http.SystemRoutes;
import dev.mallkit.host.http.UnreadBodies;
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
    private static final String SUBMISSIONS_PATH = "/v1/marketplace/submissions";
    private static final long SUBMISSION_BODY_LIMIT = 20L * 1024 * 1024;
    private final MallkitConfig config;
    private final Runtime runtime;
    private final FeatureMix mix;
    private final OrderEvents orders;
    private final Router router;
    private final Bootstrap.Result bootstrap;

    private Mallkit(MallkitConfig config, Runtime runtime, FeatureMix mix, OrderEvents orders, Router router, Bootstrap.Result bootstrap) {
        this.orders = orders;
        this.config = config;
        this.runtime = runtime;
        this.mix = mix;
        this.router = router;
        this.bootstrap = bootstrap;
    }

    /** What the start prepares off the event loop before the runtime is assembled. */
    private record Keys(PlatformSigning signing, JsWorkerPool jsWorkers) {
    }

    /** What a host owns and must release, in closing order. */
    private record Runtime(Database db, GuardedInvoker invoker, PluginCatalog catalog, JavaPluginRuntime javaRuntime, JsWorkerPool jsWorkers,
                           Scheduler scheduler) {
        void close() {
            scheduler.close();
            catalog.closeAll();
            javaRuntime.close();
            jsWorkers.close();
            invoker.close();
            db.close();
        }
    }

    /** @return the database */
    public Database database() {
        return runtime.db();
    }

    /** @return the loaded plugins */
    public PluginCatalog catalog() {
        return runtime.catalog();
    }

    /** @return the guarded invoker every extension call goes through */
    public GuardedInvoker invoker() {
        return runtime.invoker();
    }

    /** @return the order-event pipeline, for in-process callers (benchmarks, bulk imports) */
    public OrderEvents orderEvents() {
        return orders;
    }

    /** @return the per-store feature mixes */
    public FeatureMix featureMix() {
        return mix;
    }

    /**
     * Opens the database (migrating it), bootstraps the admin token and seed data, and builds the router.
     *
     * @return the host, once ready
     */
    public static Future<Mallkit> create(Vertx vertx, MallkitConfig config) {
        // like the database, the signing key (read, or generated and written on first start) and the polyglot classes
        // stay off the event loop; Truffle's engine itself is built when a store first runs a JavaScript plugin
        return vertx.executeBlocking(() -> Database.open(config), false).compose(db -> vertx.executeBlocking(() -> new Keys(PlatformSigning.load(
                        config.signingKeyDir() == null ? null : config.signingKeyDir().toString(), config.dataDir()),
                        JsWorkerPool.create(JsLimits.defaults(), config.jsWorkers(), config.jsHeapMb(), config.privateDirectories())), false)
                .onFailure(e -> db.close()).compose(keys -> {
            PlatformSigning signing = keys.signing();
            JsWorkerPool jsWorkers = keys.jsWorkers();
            Tokens tokens = new Tokens(db);
            Tenants tenants = new Tenants(db, tokens);
            PluginMetrics pluginMetrics = new PluginMetrics();
            GuardedInvoker invoker = new GuardedInvoker(GuardPolicy.DEFAULT, pluginMetrics, java.time.Duration.ofMillis(config.demoteAfterMs()));
            PluginCatalog catalog = new PluginCatalog();
            JavaPluginRuntime javaRuntime = new JavaPluginRuntime(config.dataDir().resolve("work/java"),
                    sha -> PluginInstaller.approved(db, signing, sha), config.devMode());
            PluginInstaller installer = new PluginInstaller(db, catalog, javaRuntime, new JsPluginLoader(jsWorkers),
                    signing, config.pluginsDir(), config.devMode());
            Runtime runtime = new Runtime(db, invoker, catalog, javaRuntime, jsWorkers, new Scheduler(vertx, db));
            return db.offLoop(() -> {
                Bootstrap.Result result = new Bootstrap(db, tokens, config).run();
                installer.seed(config.seedDir());
                installer.installAll();
                return result;
            }).compose(result -> db.offLoop(() -> {
                // assembling reads resources and loads hundreds of classes: off the event loop too
                FeatureMix mix = new FeatureMix(vertx, db, catalog, SecretBox.load(config.secretKey(), config.dataDir()),
                        invoker, Clock.systemUTC(), java.time.Duration.ofMillis(config.javaBudgetMs()),
                        java.time.Duration.ofMillis(config.jsBudgetMs()));
                Router router = Router.router(vertx);
                // plugin packages are larger than JSON bodies: their route reads its own body first (a body is read once)
                router.post(SUBMISSIONS_PATH).handler(UnreadBodies.declaredAtMost(SUBMISSION_BODY_LIMIT));
                router.route().handler(UnreadBodies.declaredAtMost(config.bodyLimit()));
                // the caller is known before any body is read: an anonymous upload is refused unread
                AuthHandler auth = new AuthHandler(tokens);
                router.route("/v1/*").handler(auth);
                router.post(SUBMISSIONS_PATH).handler(BodyHandler.create(false).setBodyLimit(SUBMISSION_BODY_LIMIT));
                router.route().handler(BodyHandler.create(false).setBodyLimit(config.bodyLimit()));
                SystemRoutes system = new SystemRoutes(db);
                system.mount(router);
                system.addMetrics(pluginMetrics::render);
                system.addHealth(() -> java.util.Map.of("javascript", new io.vertx.core.json.JsonObject().put("mode", jsWorkers.currentMode())
                        .put("isolation", jsWorkers.isolation()).put("workers", jsWorkers.workers()).put("heapMiB", jsWorkers.heapMiB())));
                system.mountMetrics(router, auth);
                router.route("/v1/*").handler(dev.mallkit.host.ratelimit.RateLimitHandler.fromEnvironment());
                new TenantRoutes(tenants).mount(router);
                new FeatureRoutes(mix, tenants).mount(router);
                OrderEvents orders = new OrderEvents(db, mix, Clock.systemUTC());
                new OrderRoutes(orders, tenants, Clock.systemUTC()).mount(router);
                HostParts parts = new HostParts(vertx, config, db, tenants, mix, orders, catalog, invoker, system, router,
                        runtime.scheduler(), Clock.systemUTC());
                installDomains(parts);
                // plugin installs and yanks reach every host over the (clustered) event bus
                dev.mallkit.host.cluster.ClusterModule.install(parts, installer);
                router.route().failureHandler(ErrorHandler::handle);
                for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 500}) {
                    router.errorHandler(status, ErrorHandler::handle);
                }
                return new Mallkit(config, runtime, mix, orders, router, result);
            })).onFailure(e -> runtime.close());
        }));
    }

    /** Each domain mounts its routes and registers its order effects; order matters for effects. */
    private static void installDomains(HostParts parts) {
        dev.mallkit.host.membership.MembershipModule.install(parts);
        dev.mallkit.host.distribution.DistributionModule.install(parts);
        ReferralBinder binder = new TreeReferralBinder();
        dev.mallkit.host.live.LiveModule.install(parts, () -> binder);
        dev.mallkit.host.marketplace.MarketplaceModule.install(parts);
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
        runtime.close();
    }
}
