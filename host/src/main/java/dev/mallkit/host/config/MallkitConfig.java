package dev.mallkit.host.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import dev.mallkit.host.cluster.ClusterSettings;
import dev.mallkit.host.ratelimit.RateLimitSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * The host's configuration. Each setting is read from the environment variable first, then from the
 * config file ({@code MALLKIT_CONFIG}, default {@code ./mallkit.properties} when present), then the default.
 * See docs/mallkit.properties for the documented file.
 *
 * @param httpPort     {@code MALLKIT_HTTP_PORT} / {@code http.port}, default 8080 (0 = random)
 * @param httpHost     {@code MALLKIT_HTTP_HOST} / {@code http.host}, default 0.0.0.0
 * @param dataDir      {@code MALLKIT_DATA_DIR} / {@code data.dir}, default ./data
 * @param jdbcUrl      {@code MALLKIT_JDBC_URL} / {@code jdbc.url}; absent: embedded H2 under the data directory
 * @param jdbcUser     {@code MALLKIT_JDBC_USER} / {@code jdbc.user}
 * @param jdbcPassword {@code MALLKIT_JDBC_PASSWORD} / {@code jdbc.password}
 * @param jdbcPoolSize {@code MALLKIT_JDBC_POOL_SIZE} / {@code jdbc.pool.size}, default 16
 * @param pluginsDir   {@code MALLKIT_PLUGINS_DIR} / {@code plugins.dir}, default data dir /plugins
 * @param adminToken   {@code MALLKIT_ADMIN_TOKEN} / {@code admin.token}; absent: generated on first start
 * @param devMode      {@code MALLKIT_DEV_MODE} / {@code dev.mode}: load local unapproved plugins, loudly
 * @param bodyLimit    {@code MALLKIT_BODY_LIMIT} / {@code body.limit}, bytes, default 1 MiB
 * @param cluster      {@code MALLKIT_CLUSTER} / {@code cluster}: join a clustered event bus
 * @param javaBudgetMs {@code MALLKIT_PLUGIN_BUDGET_MS} / {@code plugin.budget.ms}: time budget of a Java extension call, default 200
 * @param jsBudgetMs   {@code MALLKIT_JS_BUDGET_MS} / {@code js.budget.ms}: time budget of a JavaScript extension call, default 1000
 * @param jsWorkers    {@code MALLKIT_JS_WORKERS} / {@code js.workers}: JavaScript worker processes at most, default 8
 * @param jsHeapMb     {@code MALLKIT_JS_HEAP_MB} / {@code js.heap.mb}: heap of each, the hard memory bound of one store's
 *                     sandboxes of one plugin version, default 256
 * @param demoteAfterMs {@code MALLKIT_PLUGIN_DEMOTE_MS} / {@code plugin.demote.ms}: an extension call still running after this
 *                     long drops to the lowest CPU priority until it ends, default 100; 0 never demotes
 * @param secretKey    {@code MALLKIT_SECRET_KEY}: base64 AES-256 key sealing plugin secrets; absent: a key file in the data dir
 * @param signingKeyDir {@code MALLKIT_SIGNING_KEY}: directory of the platform's Ed25519 key pair; absent: data dir /keys
 * @param seedDir      {@code MALLKIT_SEED_PLUGINS} / {@code seed.plugins}: first-party packages installed
 *                     and approved on first start, and a demo store seeded; absent: nothing seeded
 * @param rateLimit    {@code MALLKIT_RATE_LIMIT} / {@code MALLKIT_RATE_BURST}: requests per second per caller and the burst
 * @param clusterSettings {@code MALLKIT_CLUSTER_*}: the cluster's member list, used when {@code cluster} is on
 * @param pointsExpiryPeriod {@code MALLKIT_POINTS_EXPIRY_PERIOD}: how often the points-expiry job runs, ISO-8601,
 *                     default {@code PT5M}; {@code PT0S} turns it off
 */
public record MallkitConfig(
        int httpPort,
        String httpHost,
        Path dataDir,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        int jdbcPoolSize,
        Path pluginsDir,
        String adminToken,
        boolean devMode,
        long bodyLimit,
        boolean cluster,
        int javaBudgetMs,
        int jsBudgetMs,
        int jsWorkers,
        int jsHeapMb,
        int demoteAfterMs,
        String secretKey,
        Path signingKeyDir,
        Path seedDir,
        RateLimitSettings rateLimit,
        ClusterSettings clusterSettings,
        Duration pointsExpiryPeriod) {

    public MallkitConfig {
        requireNonNull(httpHost, "httpHost is null");
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(pluginsDir, "pluginsDir is null");
        requireNonNull(rateLimit, "rateLimit is null");
        requireNonNull(clusterSettings, "clusterSettings is null");
        requireNonNull(pointsExpiryPeriod, "pointsExpiryPeriod is null");
        if (pointsExpiryPeriod.isNegative()) {
            throw new IllegalArgumentException("MALLKIT_POINTS_EXPIRY_PERIOD must not be negative: " + pointsExpiryPeriod);
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("MALLKIT_HTTP_PORT must be 0-65535: " + httpPort);
        }
        if (javaBudgetMs < 1 || jsBudgetMs < 1) {
            throw new IllegalArgumentException("plugin time budgets must be positive");
        }
        if (jsWorkers < 1 || jsHeapMb < 64) {
            throw new IllegalArgumentException("MALLKIT_JS_WORKERS must be at least 1 and MALLKIT_JS_HEAP_MB at least 64");
        }
        if (demoteAfterMs < 0) {
            throw new IllegalArgumentException("MALLKIT_PLUGIN_DEMOTE_MS must not be negative: " + demoteAfterMs);
        }
        if (bodyLimit < 1024) {
            throw new IllegalArgumentException("MALLKIT_BODY_LIMIT must be at least 1024 bytes: " + bodyLimit);
        }
    }

    /** @return the directories no plugin code may reach: data, plugins and, when apart, the signing keys */
    public java.util.List<Path> privateDirectories() {
        java.util.List<Path> roots = new java.util.ArrayList<>(java.util.List.of(dataDir, pluginsDir));
        if (signingKeyDir != null) {
            roots.add(signingKeyDir);
        }
        return roots;
    }

    /** @return whether the JDBC URL points at the embedded H2 database */
    public boolean embeddedDatabase() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /** Loads from the process environment, system properties ({@code mallkit.*}) and the config file. */
    public static MallkitConfig load() {
        return from(System.getenv());
    }

    /**
     * Builds a configuration from {@code variables}, then system properties ({@code mallkit.rate.limit} stands for
     * {@code MALLKIT_RATE_LIMIT}) for what they lack, then the config file they name (or ./mallkit.properties).
     * This is the one place the host reads its environment.
     */
    public static MallkitConfig from(Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(variables);
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("mallkit.")) {
                env.putIfAbsent("MALLKIT_" + key.substring(8).replace('.', '_').toUpperCase(), v.toString());
            }
        });
        Properties file = new Properties();
        Path path = Path.of(env.getOrDefault("MALLKIT_CONFIG", "mallkit.properties"));
        if (Files.isRegularFile(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read config file " + path + ": " + e.getMessage(), e);
            }
        } else if (env.containsKey("MALLKIT_CONFIG")) {
            throw new IllegalStateException("config file not found: " + path);
        }
        Settings s = new Settings(env, file);
        Path dataDir = Path.of(s.get("DATA_DIR", "./data")).toAbsolutePath().normalize();
        // H2 gives up a lock wait after 2 s (4 s for a duplicate-key wait) where MySQL waits 50 s: concurrent first
        // orders of one member then failed as DATABASE_BUSY on the embedded default only; 10 s is still far below MySQL
        String h2 = "jdbc:h2:file:" + dataDir.resolve("db/mallkit") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE,KEY"
                + ";LOCK_TIMEOUT=10000";
        String seed = s.get("SEED_PLUGINS", null);
        String signing = s.get("SIGNING_KEY", null);
        return new MallkitConfig(
                s.integer("HTTP_PORT", 8080),
                s.get("HTTP_HOST", "0.0.0.0"),
                dataDir,
                s.get("JDBC_URL", h2),
                s.get("JDBC_USER", "sa"),
                s.get("JDBC_PASSWORD", ""),
                s.integer("JDBC_POOL_SIZE", 16),
                Path.of(s.get("PLUGINS_DIR", dataDir.resolve("plugins").toString())).toAbsolutePath(),
                s.get("ADMIN_TOKEN", null),
                Boolean.parseBoolean(s.get("DEV_MODE", "false")),
                Long.parseLong(s.get("BODY_LIMIT", "1048576")),
                Boolean.parseBoolean(s.get("CLUSTER", "false")),
                s.integer("PLUGIN_BUDGET_MS", 200),
                s.integer("JS_BUDGET_MS", 1000),
                s.integer("JS_WORKERS", 8),
                s.integer("JS_HEAP_MB", 256),
                s.integer("PLUGIN_DEMOTE_MS", 100),
                s.get("SECRET_KEY", null),
                signing == null ? null : Path.of(signing).toAbsolutePath(),
                seed == null || seed.isBlank() ? null : Path.of(seed).toAbsolutePath(),
                RateLimitSettings.from(env),
                ClusterSettings.from(env),
                duration(env, "MALLKIT_POINTS_EXPIRY_PERIOD", Duration.ofMinutes(5)));
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT5M: " + value, e);
        }
    }


    private record Settings(Map<String, String> env, Properties file) {
        String get(String name, String fallback) {
            String value = env.get("MALLKIT_" + name);
            if (value == null || value.isBlank()) {
                value = file.getProperty(name.toLowerCase().replace('_', '.'));
            }
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        int integer(String name, int fallback) {
            String value = get(name, null);
            try {
                return value == null ? fallback : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("MALLKIT_" + name + " must be a whole number: " + value, e);
            }
        }
    }
}
