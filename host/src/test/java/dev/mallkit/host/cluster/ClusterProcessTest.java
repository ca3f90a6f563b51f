package dev.mallkit.host.cluster;

import com.mysql.cj.jdbc.MysqlDataSource;
import dev.mallkit.host.plugins.PlatformSigning;
import dev.mallkit.host.plugins.PluginCatalog;
import dev.mallkit.host.runtime.PluginPackage;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three host JVMs in cluster mode on loopback over one MariaDB/MySQL database. Only the first host is
 * given the first-party membership plugin; the others fetch it by hash from the shared store. A feature
 * change made through one host reaches the others' cached mixes within a second, and so does a plugin
 * version announced by a fourth cluster member (this JVM); the points-expiry job
 * runs once per period across the three; killing its holder (SIGKILL) under load leaves the others
 * serving and the job resumes on one of them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessTest {
    private static final String ADMIN = "mk_a_cluster-admin-token-0123456789";
    private static final String JOB = "points expiry";
    private static final String SECRET_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    private static final Duration JOB_PERIOD = Duration.ofSeconds(1);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private static TestDatabase database;
    private static final List<HostProcess> hosts = new ArrayList<>();
    private static final List<Path> dataDirs = new ArrayList<>();
    private static String storefront;
    private static final AtomicInteger orders = new AtomicInteger();

    @BeforeAll
    static void startCluster() throws Exception {
        database = TestDatabase.create(DbKind.MYSQL);
        Path seed = Files.createTempDirectory("mallkit-seed-");
        Path tiers = Path.of(System.getProperty("mallkit.plugins.dist", "../plugins/target/dist"), "membership-tiers-1.0.0.jar");
        assertThat(tiers).as("build the plugins first: ./mvnw -B -q install -DskipTests").exists();
        Files.copy(tiers, seed.resolve(tiers.getFileName()));
        Path logs = Files.createDirectories(Path.of("target", "cluster-test"));
        int[] clusterPorts = {HostProcess.freePort(), HostProcess.freePort(), HostProcess.freePort()};
        members = java.util.Arrays.stream(clusterPorts).mapToObj(p -> "127.0.0.1:" + p).toList();
        clusterName = "test-" + Long.toHexString(System.nanoTime());
        signingKeys = Files.createTempDirectory("mallkit-keys-");
        for (int i = 0; i < 3; i++) {
            Path dataDir = Files.createTempDirectory("mallkit-node-");
            dataDirs.add(dataDir);
            Map<String, String> env = new HashMap<>(database.env(dataDir));
            env.put("MALLKIT_ADMIN_TOKEN", ADMIN);
            env.put("MALLKIT_CLUSTER", "true");
            env.put("MALLKIT_SECRET_KEY", SECRET_KEY);
            env.put("MALLKIT_SIGNING_KEY", signingKeys.toString());
            env.put("MALLKIT_CLUSTER_NAME", clusterName);
            env.put("MALLKIT_CLUSTER_HOST", "127.0.0.1");
            env.put("MALLKIT_CLUSTER_PORT", Integer.toString(clusterPorts[i]));
            env.put("MALLKIT_CLUSTER_MEMBERS", String.join(",", members));
            env.put("MALLKIT_POINTS_EXPIRY_PERIOD", JOB_PERIOD.toString());
            env.put("MALLKIT_JDBC_POOL_SIZE", "6");
            // three JVMs share a busy 2-core machine: the plugin time budget is not what this test is about
            env.put("MALLKIT_PLUGIN_BUDGET_MS", "5000");
            // one merchant drives the load, and all of it lands on the survivors once a host is killed:
            // per-tenant rate limiting is not what this test is about (RateLimitTest is)
            env.put("MALLKIT_RATE_LIMIT", "0");
            if (i == 0) {
                env.put("MALLKIT_SEED_PLUGINS", seed.toString());
            }
            hosts.add(HostProcess.start("host-" + (i + 1), HostProcess.freePort(), env, logs));
            if (i == 0) {
                // the first host migrates the schema and seeds; the others start together after it
                hosts.getFirst().awaitHealth(Duration.ofSeconds(60), h -> true);
            }
        }
        for (HostProcess host : hosts) {
            host.awaitHealth(Duration.ofSeconds(60), h -> h.getJsonObject("cluster").getInteger("members") == 3);
        }
        String merchant = call(hosts.get(0), "POST", "/v1/admin/merchants", ADMIN, new JsonObject().put("id", "m1").put("name", "M1"))
                .json().getString("token");
        call(hosts.get(1), "POST", "/v1/stores", merchant, new JsonObject().put("id", "s1").put("name", "S1"));
        storefront = call(hosts.get(2), "POST", "/v1/stores/s1/keys", merchant, null).json().getString("token");
        merchantToken = merchant;
    }

    private static String merchantToken;
    private static String clusterName;
    private static List<String> members;
    private static Path signingKeys;

    @AfterAll
    static void stopCluster() throws Exception {
        for (HostProcess host : hosts) {
            host.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void hostsStartedWithoutThePluginFetchItByHashAndServeIt() throws Exception {
        enableTiers(hosts.get(2), 1);
        for (HostProcess host : hosts) {
            JsonObject points = paid(host, 10_000);
            assertThat(points.getString("program")).as(host.name + ": " + points).isEqualTo("membership-tiers");
            assertThat(points.getLong("awarded")).isEqualTo(100);
        }
        assertThat(Files.exists(dataDirs.get(1).resolve("plugins/membership-tiers-1.0.0.jar"))).isTrue();
    }

    @Test
    @Order(2)
    void aFeatureChangeThroughOneHostReachesTheOthersWithinOneSecond() throws Exception {
        enableTiers(hosts.get(0), 1);
        for (HostProcess host : hosts) {
            assertThat(paid(host, 10_000).getLong("awarded")).as("cached mix on " + host.name).isEqualTo(100);
        }
        enableTiers(hosts.get(0), 5);
        Instant changed = Instant.now();
        for (HostProcess host : hosts.subList(1, 3)) {
            long awarded;
            do {
                awarded = paid(host, 10_000).getLong("awarded");
            } while (awarded != 500 && Duration.between(changed, Instant.now()).toMillis() < 3_000);
            assertThat(awarded).as(host.name + " sees the new rate").isEqualTo(500);
        }
        assertThat(Duration.between(changed, Instant.now())).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    @Order(3)
    void aPluginInstalledThroughTheClusterIsLoadedByEveryHostWithinOneSecond() throws Exception {
        Path paidCard = Path.of(System.getProperty("mallkit.plugins.dist", "../plugins/target/dist"), "membership-paid-card-1.0.0.jar");
        PluginPackage card = PluginPackage.read(paidCard);
        // signed with the platform key the hosts share, as an approval would
        String signature = PlatformSigning.load(signingKeys.toString(), Files.createTempDirectory("mallkit-signer-"))
                .sign(paidCard, card.descriptor().id(), card.descriptor().version(), card.descriptor().provider()).signature();
        try (Connection c = database.connect(null)) {
            PluginCatalog.publish(c, card.descriptor(), "JAVA", card.sha256(), signature, "test");
        }
        // this JVM joins the cluster like a fourth host that just installed the version
        Vertx member = ClusteredVertx.start(new ClusterSettings(clusterName, "127.0.0.1", HostProcess.freePort(), members),
                new VertxOptions()).await(60, TimeUnit.SECONDS);
        try {
            Map<String, String> env = database.env(dataDirs.getFirst());
            MysqlDataSource dataSource = new MysqlDataSource();
            dataSource.setURL(env.get("MALLKIT_JDBC_URL"));
            dataSource.setUser(env.get("MALLKIT_JDBC_USER"));
            dataSource.setPassword(env.get("MALLKIT_JDBC_PASSWORD"));
            DbArtifactStore shared = new DbArtifactStore(dataSource);
            Instant announced = Instant.now();
            new PluginAnnouncer(member, shared).installed("membership-paid-card", "1.0.0", paidCard);
            for (Path dataDir : dataDirs) {
                Path installed = dataDir.resolve("plugins/membership-paid-card-1.0.0.jar");
                while (!Files.exists(installed) && Duration.between(announced, Instant.now()).toMillis() < 5_000) {
                    Thread.sleep(10);
                }
                assertThat(installed).exists().hasSameBinaryContentAs(paidCard);
            }
            assertThat(Duration.between(announced, Instant.now())).isLessThan(Duration.ofSeconds(1));
            for (int i = 0; i < hosts.size(); i++) {
                String store = "card-" + i;
                call(hosts.get(i), "POST", "/v1/stores", merchantToken, new JsonObject().put("id", store).put("name", store));
                // the file arrives first, the load follows it on the host's own thread: give the load a moment
                Reply r;
                Instant enabling = Instant.now();
                do {
                    r = call(hosts.get(i), "PUT", "/v1/stores/" + store + "/features/membership-paid-card", merchantToken,
                            new JsonObject().put("version", "1.0.0").put("config", new JsonObject()));
                } while (r.status() == 409 && r.text().contains("PLUGIN_UNAVAILABLE")
                        && Duration.between(enabling, Instant.now()).toMillis() < 5_000 && sleep(50));
                assertThat(r.status()).as(hosts.get(i).name + ": " + r.text()).isEqualTo(200);
            }
        } finally {
            member.close().await(20, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(4)
    void theJobRunsOncePerPeriodAndResumesAfterItsHolderIsKilledUnderLoad() throws Exception {
        Lease start = lease();
        Thread.sleep(4_000);
        Lease later = lease();
        assertThat(later.holder()).as("one host keeps the job").isEqualTo(start.holder());
        assertThat(later.runs() - start.runs()).as("runs in 4 s at one per second").isBetween(3L, 5L);

        HostProcess holder = hosts.stream().filter(h -> start.holder().contains("/" + h.pid() + "/")).findFirst().orElseThrow();
        List<HostProcess> survivors = hosts.stream().filter(h -> h != holder).toList();
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger served = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            HostProcess target = survivors.get(t % 2);
            // one writer and three readers: concurrent order events deadlock inside OrderEvents on MariaDB
            // whatever the host count (a foundation issue, reported), which is not what this test is about
            boolean writer = t == 0;
            load.execute(() -> {
                while (loading.get()) {
                    try {
                        if (writer) {
                            paid(target, 1_000);
                        } else {
                            Reply r = call(target, "GET", "/v1/stores/s1/members/buyer-1", storefront, null);
                            assertThat(r.status()).as(r.text()).isEqualTo(200);
                        }
                        served.incrementAndGet();
                    } catch (Exception | AssertionError e) {
                        failures.add(target.name + ": " + e.getMessage());
                    }
                }
            });
        }
        Thread.sleep(500);
        holder.kill();
        Instant killed = Instant.now();
        Lease takenOver;
        do {
            Thread.sleep(200);
            takenOver = lease();
        } while (takenOver.holder().equals(start.holder()) && Duration.between(killed, Instant.now()).toSeconds() < 15);
        int servedAtTakeover = served.get();
        Thread.sleep(3_000);
        Lease after = lease();
        loading.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(takenOver.holder()).as("another host took the job over").isNotEqualTo(start.holder());
        String successor = takenOver.holder();
        assertThat(survivors).anyMatch(h -> successor.contains("/" + h.pid() + "/"));
        assertThat(after.runs() - takenOver.runs()).as("runs in 3 s after the takeover").isBetween(2L, 4L);
        assertThat(failures).as("the survivors kept serving").isEmpty();
        assertThat(served.get()).isGreaterThan(servedAtTakeover);
    }

    /** The job's lease row as the database has it. */
    record Lease(String holder, long runs) {
    }

    private static Lease lease() throws Exception {
        try (Connection c = database.connect(null);
             PreparedStatement ps = c.prepareStatement("SELECT holder, runs FROM job_leases WHERE name = ?")) {
            ps.setString(1, JOB);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the job ran at least once").isTrue();
                return new Lease(rs.getString(1), rs.getLong(2));
            }
        }
    }

    private static void enableTiers(HostProcess host, int pointsPerYuan) throws Exception {
        JsonObject body = new JsonObject().put("version", "1.0.0").put("config", new JsonObject().put("pointsPerYuan", pointsPerYuan));
        Reply r = call(host, "PUT", "/v1/stores/s1/features/membership-tiers", merchantToken, body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    /** A paid order of a new buyer: concurrent orders of one member are a membership concern, not a cluster one. */
    private static JsonObject paid(HostProcess host, long amount) throws Exception {
        int order = orders.incrementAndGet();
        JsonObject body = new JsonObject().put("type", "PAID").put("seq", 1).put("memberId", "buyer-" + order).put("currency", "CNY")
                .put("amount", amount).put("lines", new JsonArray().add(new JsonObject().put("sku", "sku-1").put("quantity", 1)
                        .put("amount", amount)));
        Reply r = call(host, "POST", "/v1/stores/s1/orders/o-" + order + "/events", storefront, body);
        assertThat(r.status()).as(host.name + ": " + r.text()).isIn(200, 201);
        return r.json().getJsonObject("points");
    }

    /** A response's status and body. */
    record Reply(int status, String text) {
        JsonObject json() {
            return new JsonObject(text);
        }
    }

    private static Reply call(HostProcess host, String method, String path, String token, JsonObject body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.url(path))).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }
}
