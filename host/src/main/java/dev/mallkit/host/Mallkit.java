package dev.mallkit.host;

import dev.mallkit.host.auth.AuthHandler;
import dev.mallkit.host.auth.Tokens;
import dev.mallkit.host.cluster.ClusterSync;
import dev.mallkit.host.config.MallkitConfig;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.distribution.DistributionModule;
import dev.mallkit.host.guard.GuardPolicy;
import dev.mallkit.host.guard.GuardedInvoker;
import dev.mallkit.host.guard.PluginMetrics;
import dev.mallkit.host.http.ErrorHandler;
import dev.mallkit.host.http.SystemRoutes;
import dev.mallkit.host.http.UnreadBodies;
import dev.mallkit.host.jobs.Scheduler;
import dev.mallkit.host.js.JsLimits;
import dev.mallkit.host.js.JsPluginLoader;
import dev.mallkit.host.js.JsWorkerPool;
import dev.mallkit.host.kernel.ExtensionPoints;
import dev.mallkit.host.kernel.HostServices;
import dev.mallkit.host.kernel.Job;
import dev.mallkit.host.kernel.MallkitModule;
import dev.mallkit.host.kernel.ModuleParts;
import dev.mallkit.host.live.LiveModule;
import dev.mallkit.host.marketplace.MarketplaceModule;
import dev.mallkit.host.membership.MembershipModule;
import dev.mallkit.host.order.OrderEvents;
import dev.mallkit.host.order.OrderRoutes;
import dev.mallkit.host.plugins.PlatformSigning;
import dev.mallkit.host.plugins.PluginCatalog;
import dev.mallkit.host.plugins.PluginInstaller;
import dev.mallkit.host.ratelimit.RateLimitHandler;
import dev.mallkit.host.runtime.JavaPluginRuntime;
import dev.mallkit.host.store.CallBudgets;
import dev.mallkit.host.store.EnableCheck;
import dev.mallkit.host.store.FeatureCommands;
import dev.mallkit.host.store.FeatureMix;
import dev.mallkit.host.store.FeatureRoutes;
import dev.mallkit.host.store.FeatureView;
import dev.mallkit.host.store.SecretBox;
import dev.mallkit.host.tenant.TenantRoutes;
import dev.mallkit.host.tenant.Tenants;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embeddable host. {@link #create} it on an existing {@link Vertx} with the domains you want, mount
 * {@link #router()} where you like (e.g. {@code parent.route("/mall/*").subRouter(mallkit.router())}), and
 * {@link #close()} it when done. {@link Main} runs it standalone with {@link #standardModules()}.
 */
public final class Mallkit {
    private static final String SUBMISSIONS_PATH = "/v1/marketplace/submissions";
    private static final long SUBMISSION_BODY_LIMIT = 20L * 1024 * 1024;
    private final MallkitConfig config;
    private final HostServices services;
    private final OrderEvents orders;
    private final Router router;
    private final Bootstrap.Result bootstrap;
    private final Resources resources;

    private Mallkit(MallkitConfig config, HostServices services, OrderEvents orders, Router router, Bootstrap.Result bootstrap,
                    Resources resources) {
        this.config = config;
        this.services = services;
        this.orders = orders;
        this.router = router;
        this.bootstrap = bootstrap;
        this.resources = resources;
    }

    /** @return membership, distribution, live and marketplace: every domain, in the order of their order effects */
    public static List<MallkitModule> standardModules() {
        DistributionModule distribution = new DistributionModule();
        return List.of(new MembershipModule(), distribution, new LiveModule(distribution::binder), new MarketplaceModule());
    }

    /** @return the extension points of {@link #standardModules()} */
    public static ExtensionPoints standardPoints() {
        return pointsOf(standardModules());
    }

    private static ExtensionPoints pointsOf(List<MallkitModule> modules) {
        return ExtensionPoints.of(modules.stream().flatMap(module -> module.extensionPoints().stream()).toList());
    }

    /** @return a host with {@link #standardModules()}; see {@link #create(Vertx, MallkitConfig, List)} */
    public static Future<Mallkit> create(Vertx vertx, MallkitConfig config) {
        return create(vertx, config, standardModules());
    }

    /**
     * Opens the database (migrating it), bootstraps the admin token and seed data, loads the installed plugins, starts
     * {@code modules} in order and builds the router.
     *
     * @return the host, once ready
     */
    public static Future<Mallkit> create(Vertx vertx, MallkitConfig config, List<MallkitModule> modules) {
        // start-up reads keys, opens the pool and loads hundreds of classes: all of it off the event loop
        return vertx.executeBlocking(() -> start(vertx, config, List.copyOf(modules)), false);
    }

    private static Mallkit start(Vertx vertx, MallkitConfig config, List<MallkitModule> modules) throws Exception {
        ExtensionPoints points = pointsOf(modules);
        Resources resources = new Resources();
        try {
            Database db = resources.add(Database.open(config), Database::close);
            PlatformSigning signing = PlatformSigning.load(config.signingKeyDir() == null ? null : config.signingKeyDir().toString(),
                    config.dataDir());
            JsWorkerPool jsWorkers = resources.add(JsWorkerPool.create(JsLimits.defaults(), config.jsWorkers(), config.jsHeapMb(),
                    config.privateDirectories()), JsWorkerPool::close);
            PluginMetrics pluginMetrics = new PluginMetrics();
            GuardedInvoker invoker = resources.add(new GuardedInvoker(GuardPolicy.DEFAULT, pluginMetrics,
                    Duration.ofMillis(config.demoteAfterMs())), GuardedInvoker::close);
            JavaPluginRuntime javaRuntime = resources.add(new JavaPluginRuntime(config.dataDir().resolve("work/java"),
                    sha -> PluginInstaller.approved(db, signing, sha), config.devMode()), JavaPluginRuntime::close);
            PluginCatalog catalog = resources.add(new PluginCatalog(), PluginCatalog::closeAll);
            Scheduler scheduler = resources.add(new Scheduler(vertx, db), Scheduler::close);
            PluginInstaller installer = new PluginInstaller(db, catalog, javaRuntime, new JsPluginLoader(points, jsWorkers),
                    signing, config.pluginsDir(), config.devMode());
            Tokens tokens = new Tokens(db);
            Bootstrap.Result bootstrap = new Bootstrap(db, tokens, config).run();
            installer.seed(config.seedDir());
            installer.installAll();

            Clock clock = Clock.systemUTC();
            CallBudgets budgets = new CallBudgets(Duration.ofMillis(config.javaBudgetMs()), Duration.ofMillis(config.jsBudgetMs()));
            SecretBox secrets = SecretBox.load(config.secretKey(), config.dataDir());
            FeatureMix mix = new FeatureMix(vertx, db, catalog, secrets, invoker, clock, budgets, points);
            HostServices services = new HostServices(vertx, config, db, new Tenants(db, tokens), mix, catalog, invoker, points, clock);
            List<ModuleParts> parts = new ArrayList<>();
            for (MallkitModule module : modules) {
                parts.add(module.start(services));
            }

            Router router = Router.router(vertx);
            AuthHandler auth = new AuthHandler(tokens);
            acceptBodies(router, auth, config);
            SystemRoutes system = new SystemRoutes(db);
            system.mount(router);
            system.addMetrics(pluginMetrics::render);
            Map<String, java.util.function.Supplier<Object>> health = new LinkedHashMap<>();
            health.put("javascript", () -> new JsonObject().put("mode", jsWorkers.currentMode()).put("isolation", jsWorkers.isolation())
                    .put("workers", jsWorkers.workers()).put("heapMiB", jsWorkers.heapMiB()));
            system.mountMetrics(router, auth);
            router.route("/v1/*").handler(RateLimitHandler.of(config.rateLimit()));
            new TenantRoutes(services.tenants()).mount(router);
            List<EnableCheck> checks = parts.stream().flatMap(p -> p.enableChecks().stream()).toList();
            FeatureView view = new FeatureView(db, catalog);
            new FeatureRoutes(new FeatureCommands(db, catalog, mix, view, secrets, invoker, budgets, points, checks), view,
                    services.tenants()).mount(router);
            OrderEvents orders = new OrderEvents(db, mix, clock);
            parts.forEach(p -> p.orderEffects().forEach(orders::register));
            new OrderRoutes(orders, services.tenants(), clock).mount(router);
            for (ModuleParts part : parts) {
                part.mount(router);
                part.jobs().forEach(job -> scheduler.every(job.period(), job.name(), job.task()));
                health.putAll(part.health());
            }
            // plugin installs and yanks reach every host over the (clustered) event bus
            health.put("cluster", ClusterSync.start(services, installer, scheduler));
            system.addHealth(() -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                health.forEach((name, field) -> fields.put(name, field.get()));
                return fields;
            });
            router.route().failureHandler(ErrorHandler::handle);
            for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 500}) {
                router.errorHandler(status, ErrorHandler::handle);
            }
            return new Mallkit(config, services, orders, router, bootstrap, resources);
        } catch (Throwable e) {
            resources.close();
            throw e;
        }
    }

    /** Bodies are limited before anything reads them, and the caller is known first: an anonymous upload is refused unread. */
    private static void acceptBodies(Router router, AuthHandler auth, MallkitConfig config) {
        // plugin packages are larger than JSON bodies: their route reads its own body first (a body is read once)
        router.post(SUBMISSIONS_PATH).handler(UnreadBodies.declaredAtMost(SUBMISSION_BODY_LIMIT));
        router.route().handler(UnreadBodies.declaredAtMost(config.bodyLimit()));
        router.route("/v1/*").handler(auth);
        router.post(SUBMISSIONS_PATH).handler(BodyHandler.create(false).setBodyLimit(SUBMISSION_BODY_LIMIT));
        router.route().handler(BodyHandler.create(false).setBodyLimit(config.bodyLimit()));
    }

    /** @return the database */
    public Database database() {
        return services.db();
    }

    /** @return the loaded plugins */
    public PluginCatalog catalog() {
        return services.catalog();
    }

    /** @return the guarded invoker every extension call goes through */
    public GuardedInvoker invoker() {
        return services.invoker();
    }

    /** @return the order-event pipeline, for in-process callers (benchmarks, bulk imports) */
    public OrderEvents orderEvents() {
        return orders;
    }

    /** @return the per-store feature mixes */
    public FeatureMix featureMix() {
        return services.mix();
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

    /** Stops the jobs and releases every loaded plugin, the worker processes and the database pool. */
    public void close() {
        resources.close();
    }
}
