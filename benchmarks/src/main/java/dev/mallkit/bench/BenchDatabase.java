package dev.mallkit.bench;

import dev.mallkit.host.db.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A fresh database for one benchmark: embedded H2 under the host's data directory, or a new schema on the
 * server of {@code MALLKIT_TEST_MYSQL_URL}/{@code _USER}/{@code _PASSWORD} (dropped on close).
 */
public final class BenchDatabase implements AutoCloseable {
    private final String serverUrl;
    private final String user;
    private final String password;
    private final String schema;

    private BenchDatabase(String serverUrl, String user, String password, String schema) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /** @return the embedded H2 default */
    public static BenchDatabase h2() {
        return new BenchDatabase(null, "sa", "", null);
    }

    /** @return a new schema on the MariaDB/MySQL server of the environment; fails when none is configured */
    public static BenchDatabase mysql() {
        String url = System.getenv("MALLKIT_TEST_MYSQL_URL");
        if (url == null) {
            throw new IllegalStateException("no MariaDB: run eval \"$(.ci/mariadb start)\" first");
        }
        String schema = "mk_bench_" + Long.toHexString(System.nanoTime());
        BenchDatabase db = new BenchDatabase(url.endsWith("/") ? url : url + "/", System.getenv().getOrDefault("MALLKIT_TEST_MYSQL_USER", "root"),
                System.getenv().getOrDefault("MALLKIT_TEST_MYSQL_PASSWORD", ""), schema);
        db.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return db;
    }

    /** @return {@link #mysql()} for {@code "mysql"}/{@code "mariadb"}, else {@link #h2()} */
    public static BenchDatabase named(String kind) {
        return kind.equalsIgnoreCase("mysql") || kind.equalsIgnoreCase("mariadb") ? mysql() : h2();
    }

    /** @return whether this is a server database */
    public boolean server() {
        return serverUrl != null;
    }

    /** @return the environment a host needs to use this database */
    public Map<String, String> env(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("MALLKIT_DATA_DIR", dataDir.toString());
        if (server()) {
            env.put("MALLKIT_JDBC_URL", jdbcUrl());
            env.put("MALLKIT_JDBC_USER", user);
            env.put("MALLKIT_JDBC_PASSWORD", password);
        }
        return env;
    }

    /** @return the JDBC URL of the server schema */
    public String jdbcUrl() {
        return serverUrl + schema + "?useSSL=false&allowPublicKeyRetrieval=true";
    }

    /** @return a direct connection to the server schema (the raw-JDBC baselines) */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** @return a direct connection to the server schema with the driver properties of the host's pool */
    public Connection connectLikeTheHost() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(Database.serverDriverProperties());
        properties.put("user", user);
        properties.put("password", password);
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl + "?useSSL=false&allowPublicKeyRetrieval=true", user, password);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + serverUrl + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (server()) {
            execute("DROP DATABASE IF EXISTS " + schema);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: temp space
        }
    }
}
