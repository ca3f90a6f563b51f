package dev.mallkit.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * PAID order events through {@code POST /v1/stores/{store}/orders/{order}/events} on MariaDB (claimed
 * idempotency key, member touched, the store's effects in one transaction, result stored for replays),
 * against {@link RawJdbcOrders} writing the same rows with plain JDBC in the same run.
 * Target: at least 1,500 events/s and at least 40% of the raw baseline.
 *
 * <p>Both stores run membership and two-level distribution over the same binary referral tree
 * ({@link ReferralFixture}), so every event below the tree's second level captures two commissions.
 */
final class OrderEventsLoad {
    static final int MEMBERS = 2_000;
    private static final Duration SETTLE_ROUND = Duration.ofSeconds(5);
    private static final int SETTLE_ROUNDS = 12;

    private OrderEventsLoad() {
    }

    static Map<String, Map<String, Object>> features() {
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        features.put("membership-tiers", Map.of("pointsPerYuan", 1));
        // its defaults: 10% to the direct referrer, 5% to the second level
        features.put("distribution-classic", Map.of());
        return features;
    }

    /** Arguments: [connections] [warm-up seconds] [measured seconds]. */
    static void run(String... args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        Duration warmup = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
        Duration measure = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 15);
        System.out.println("order-events: " + Machine.describe() + ", " + connections + " connections, " + warmup.toSeconds()
                + " s warm-up, " + measure.toSeconds() + " s measured, " + MEMBERS + " members");
        // one storefront key sends every event: the per-caller rate limit (200/s by default) would measure itself
        System.setProperty("mallkit.rate.limit", "0");
        Vertx vertx = Vertx.vertx();
        BenchDatabase database = BenchDatabase.mysql();
        try (BenchHost host = BenchHost.start(database)) {
            String key = host.store(host.merchant("m"), "orders", features());
            try (Connection c = database.connect()) {
                ReferralFixture.write(c, "orders", MEMBERS);
                ReferralFixture.write(c, "raw-orders", MEMBERS);
            }
            awaitQuietCompilers();
            AtomicLong orders = new AtomicLong();
            LongFunction<LoadDriver.Call> paidEvents = n -> {
                long order = orders.getAndIncrement();
                return new LoadDriver.Call(HttpMethod.POST, "/v1/stores/orders/orders/o-" + order + "/events",
                        paid("member-" + (order % MEMBERS), 1_000 + order % 50_000).encode());
            };
            settle("host", () -> new LoadDriver(vertx, connections, Duration.ZERO, SETTLE_ROUND).run("settling", host.port(), paidEvents, key));
            LoadDriver driver = new LoadDriver(vertx, connections, warmup, measure);
            long hostBefore = eventRows(database, "orders");
            CpuMeter hostCpu = new CpuMeter();
            LoadDriver.Result events = driver.run("host order events", host.port(), paidEvents, key);
            hostCpu.stop();
            System.out.println(events + "  load " + Machine.load());
            report(database, "the host", "orders", hostCpu, hostBefore);
            RawJdbcOrders rawOrders = new RawJdbcOrders(database, "raw-orders", MEMBERS);
            settle("raw JDBC", () -> rawOrders.run(connections, Duration.ZERO, SETTLE_ROUND));
            long rawBefore = eventRows(database, "raw-orders");
            CpuMeter rawCpu = new CpuMeter();
            RawJdbcOrders.Result raw = rawOrders.run(connections, warmup, measure);
            rawCpu.stop();
            System.out.println(raw + "  load " + Machine.load());
            report(database, "raw JDBC", "raw-orders", rawCpu, rawBefore);
            double ratio = events.perSecond() / raw.perSecond();
            System.out.printf("%.0f events/s (target >= 1500): %s; %.1f%% of raw JDBC (target >= 40%%): %s%n", events.perSecond(),
                    events.perSecond() >= 1500 ? "MET" : "MISSED", ratio * 100, ratio >= 0.4 ? "MET" : "MISSED");
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Runs {@code round} (the same work, not counted) until the JVM's JIT compiler threads take less than a tenth of its
     * CPU in a round, at most {@link #SETTLE_ROUNDS} rounds. At a load average of 20 the C1/C2 compilers, starved
     * like every thread, were still compiling the host's paths through the whole fixed warm-up and took a third of the
     * JVM's CPU in the measured window (and most of the raw baseline's after it): that measures the JIT's backlog,
     * not either side's steady state. Each round's share is printed.
     */
    private static void settle(String side, Round round) throws Exception {
        for (int i = 1; i <= SETTLE_ROUNDS; i++) {
            CpuMeter cpu = new CpuMeter();
            round.run();
            double share = cpu.stop().compilerShare();
            System.out.printf("settling %s: round %d, JIT compilers %.0f%% of the JVM's CPU%n", side, i, share * 100);
            if (share < 0.10) {
                return;
            }
        }
    }

    /** One unmeasured round of load. */
    @FunctionalInterface
    private interface Round {
        void run() throws Exception;
    }

    // the rows of the whole run (settling included) and the CPU each event of the measured run (with its warm-up) took,
    // the driver's included
    private static void report(BenchDatabase database, String who, String storeId, CpuMeter cpu, long eventsBefore) throws SQLException {
        try (Connection c = database.connect()) {
            Map<String, Long> rows = RawJdbcOrders.rowCounts(c, storeId);
            System.out.println(cpu.perUnit("event", Math.max(1, rows.getOrDefault("order_events", 0L) - eventsBefore)));
            System.out.println(cpu.byThread());
            System.out.println("rows written per table by " + who + ": " + rows);
        }
    }

    /**
     * Waits (at most a minute) until the JVM's Truffle compiler threads are idle: the host compiles the sandbox
     * bootstrap of the JavaScript plugins seeded at start in the background, which this row does not run, and on
     * two cores that CPU would come out of whichever side is measured while it lasts. Idle means under 50 ms of
     * their CPU time within one second, read from the threads' own CPU clocks.
     */
    static void awaitQuietCompilers() throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long previous = compilerCpuNanos(threads);
        while (System.nanoTime() - start < TimeUnit.MINUTES.toNanos(1)) {
            Thread.sleep(1_000);
            long now = compilerCpuNanos(threads);
            if (now - previous < TimeUnit.MILLISECONDS.toNanos(50)) {
                break;
            }
            previous = now;
        }
        System.out.printf("background compilers quiet after %.1f s (%d ms of their CPU so far)%n",
                (System.nanoTime() - start) / 1e9, TimeUnit.NANOSECONDS.toMillis(compilerCpuNanos(threads)));
    }

    private static long compilerCpuNanos(ThreadMXBean threads) {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("TruffleCompilerThread")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long eventRows(BenchDatabase database, String storeId) throws SQLException {
        try (Connection c = database.connect()) {
            return count(c, "SELECT COUNT(*) FROM order_events WHERE store_id = ?", storeId);
        }
    }

    static JsonObject paid(String member, long amount) {
        return new JsonObject().put("type", "PAID").put("seq", 1).put("memberId", member).put("currency", "CNY").put("amount", amount)
                .put("lines", new JsonArray().add(new JsonObject().put("sku", "sku-1").put("quantity", 1).put("amount", amount)));
    }

    static long count(Connection c, String sql, String storeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
