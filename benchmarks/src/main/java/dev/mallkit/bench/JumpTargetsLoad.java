package dev.mallkit.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.http.HttpServer;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET .../live-rooms/{room}/jump-targets} with three Java live-jump plugins enabled, against a bare
 * Vert.x hello-world in the same JVM, driven by the same {@link LoadDriver} on loopback.
 * Target: at least 50% of the hello-world's requests/s, p99 at most 20 ms at 64 connections.
 */
final class JumpTargetsLoad {
    private JumpTargetsLoad() {
    }

    /**
     * Arguments: [connections] [warm-up seconds] [measured seconds] [viewers] [js]: how many distinct viewers cycle
     * (default 1,000: polling viewers, each minted once); 0 sends every GET for a new viewer, so every GET mints. With
     * {@code js} a second store also runs {@code js-live-jump-example} beside the three Java plugins, measured after
     * the first in the same run: what one JavaScript call adds to the route end to end.
     */
    static void run(String... args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        Duration warmup = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
        Duration measure = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 15);
        long viewers = args.length > 3 ? Long.parseLong(args[3]) : 1000;
        boolean withJs = args.length > 4 && "js".equals(args[4]);
        System.out.println("jump-targets: " + Machine.describe() + ", " + connections + " connections, " + warmup.toSeconds()
                + " s warm-up, " + measure.toSeconds() + " s measured, "
                + (viewers == 0 ? "a new viewer every GET" : viewers + " viewers cycling"));
        Vertx driverVertx = Vertx.vertx();
        LoadDriver driver = new LoadDriver(driverVertx, connections, warmup, measure);
        Vertx baselineVertx = Vertx.vertx();
        LoadDriver.Result hello;
        try (DesignFloor floor = new DesignFloor()) {
            HttpServer server = baselineVertx.createHttpServer().requestHandler(floor::handle)
                    .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
            hello = measured(warmup, measure, () -> driver.run("hello-world", server.actualPort(), n -> LoadDriver.Call.get("/"), null));
            System.out.println(hello + "  load " + Machine.load());
            // what the host's safety rules cost before any work of its own: the same answer after a hop to a virtual
            // thread (blocking work never runs on the event loop), then also after three guarded no-op calls
            // fanned out as the jump targets' providers were, and as one batch as they are now (the guard's hand-off
            // enforces each call's time budget)
            for (String path : List.of(DesignFloor.HOP, DesignFloor.HOP_AND_GUARD, DesignFloor.HOP_AND_BATCH)) {
                LoadDriver.Result floorRun = measured(warmup, measure, () -> driver.run("hello-world" + path, server.actualPort(),
                        n -> LoadDriver.Call.get(path), null));
                System.out.printf("%s  load %s  (%.1f%% of hello-world)%n", floorRun, Machine.load(), 100 * floorRun.perSecond() / hello.perSecond());
            }
        } finally {
            baselineVertx.close().await(10, TimeUnit.SECONDS);
        }
        // one storefront key sends every request: the per-caller rate limit (200/s by default) would measure itself
        System.setProperty("mallkit.rate.limit", "0");
        try (BenchHost host = BenchHost.start(BenchDatabase.h2())) {
            String merchant = host.merchant("bench-merchant");
            String key = host.store(merchant, "live", threeLiveJumpPlugins());
            // cycling viewers each get their own attribution token once, then poll; new viewers each mint one
            LoadDriver.Result targets = measured(warmup, measure, () -> driver.run("jump-targets", host.port(), n -> LoadDriver.Call.get(
                    "/v1/stores/live/live-rooms/room-1/jump-targets?viewer=viewer-" + (viewers == 0 ? n : n % viewers)), key));
            System.out.println(targets + "  load " + Machine.load());
            double ratio = targets.perSecond() / hello.perSecond();
            System.out.printf("ratio %.1f%% of hello-world (target >= 50%%): %s; p99 %.3f ms (target <= 20 ms): %s%n", ratio * 100,
                    ratio >= 0.5 ? "MET" : "MISSED", targets.millis(99), targets.millis(99) <= 20 ? "MET" : "MISSED");
            if (withJs) {
                Map<String, Map<String, Object>> features = threeLiveJumpPlugins();
                // another mini-program than the Java plugin's, so its target is not merged away as a duplicate
                features.put("js-live-jump-example", Map.of("appid", "wxfedcba9876543210"));
                String jsKey = host.store(merchant, "live-js", features);
                // a cold script under full load outruns its budget and opens its breaker, after which the route measures
                // nothing of it: warm it one request at a time first, and show that it contributes
                String path = "/v1/stores/live-js/live-rooms/room-1/jump-targets?viewer=warm-";
                for (int i = 0; i < 2000; i++) {
                    host.call("GET", path + i, jsKey, null);
                }
                System.out.println("targets with the script: " + new JsonArray(host.call("GET", path + "check", jsKey, null).getString("body")).size()
                        + ", without: " + new JsonArray(host.call("GET", "/v1/stores/live/live-rooms/room-1/jump-targets?viewer=check", key, null)
                        .getString("body")).size());
                LoadDriver.Result withScript = measured(warmup, measure, () -> driver.run("jump-targets+js", host.port(),
                        n -> LoadDriver.Call.get("/v1/stores/live-js/live-rooms/room-1/jump-targets?viewer=viewer-" + (viewers == 0 ? n : n % viewers)),
                        jsKey));
                System.out.printf("%s  load %s  (%.1f%% of the Java-only route's requests/s)%n", withScript, Machine.load(),
                        100 * withScript.perSecond() / targets.perSecond());
            }
        } finally {
            driverVertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Runs {@code run} and prints the JVM's CPU per measured request (driver included): on a shared box throughput
     * follows other people's load, CPU per request far less. The reading spans the measured window only.
     */
    private static LoadDriver.Result measured(Duration warmup, Duration measure, Callable<LoadDriver.Result> run) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledFuture<Long> start = timer.schedule(os::getProcessCpuTime, warmup.toMillis(), TimeUnit.MILLISECONDS);
            ScheduledFuture<Long> end = timer.schedule(os::getProcessCpuTime, warmup.plus(measure).toMillis(), TimeUnit.MILLISECONDS);
            LoadDriver.Result result = run.call();
            System.out.printf("%-24s JVM CPU per request %.1f us%n", result.name(), (end.get() - start.get()) / 1e3 / result.requests());
            return result;
        } finally {
            timer.shutdownNow();
        }
    }

    static Map<String, Map<String, Object>> threeLiveJumpPlugins() {
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        features.put("live-jump-showcase", Map.of("products", List.of(
                Map.of("sku", "SKU-1", "title", "Tea", "priceMinor", 1990, "currency", "CNY"),
                Map.of("sku", "SKU-2", "title", "Cup", "priceMinor", 5900, "currency", "CNY"))));
        features.put("live-jump-miniprogram", Map.of("appid", "wx0123456789abcdef", "path", "pages/live/landing"));
        features.put("live-jump-official-account", Map.of("articleUrl", "https://mp.weixin.qq.com/s/LiveArticle_1",
                "accountId", "gh_0123456789ab", "profileName", "Acme"));
        return features;
    }
}
