package dev.mallkit.host.testing;

import dev.mallkit.host.config.MallkitConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

/**
 * A fresh database for one test host. For {@link DbKind#MYSQL} it creates a new schema on the server
 * named by {@code MALLKIT_TEST_MYSQL_URL} (set by .ci/run, which starts MariaDB), or on a MySQL 8
 * container when a Docker engine runs. With neither, the test is skipped with a clear message, except in
 * CI ({@code CI=true}), where a skipped server-backed test fails the run.
 */
public final class TestDatabase implements AutoCloseable {
    private static MySQLContainer container;

    private final DbKind kind;
    private final String serverUrl;
    private final String user;
    private final String password;
    private final String schema;

    private TestDatabase(DbKind kind, String serverUrl, String user, String password, String schema) {
        this.kind = kind;
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /** Creates a fresh database of {@code kind}, or skips/fails the test as described above. */
    public static TestDatabase create(DbKind kind) {
        String schema = "mk_" + Long.toHexString(System.nanoTime()) + Integer.toHexString((int) (Math.random() * 0xffff));
        if (kind == DbKind.H2) {
            return new TestDatabase(kind, null, "sa", "", schema);
        }
        String url = System.getenv("MALLKIT_TEST_MYSQL_URL");
        String user = System.getenv().getOrDefault("MALLKIT_TEST_MYSQL_USER", "root");
        String password = System.getenv().getOrDefault("MALLKIT_TEST_MYSQL_PASSWORD", "");
        if (url == null) {
            MySQLContainer mysql = startContainer();
            url = "jdbc:mysql://" + mysql.getHost() + ":" + mysql.getMappedPort(3306) + "/";
            user = "root";
            password = mysql.getPassword();
        }
        TestDatabase db = new TestDatabase(kind, url.endsWith("/") ? url : url + "/", user, password, schema);
        db.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return db;
    }

    private static synchronized MySQLContainer startContainer() {
        if (container != null) {
            return container;
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        String message = "no MySQL-compatible server for server-backed tests: set MALLKIT_TEST_MYSQL_URL "
                + "(e.g. jdbc:mysql://127.0.0.1:3306/ with MALLKIT_TEST_MYSQL_USER/PASSWORD) or run a Docker engine";
        if (!docker) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI must run the server-backed tests, but " + message);
            }
            Assumptions.abort(message);
        }
        container = new MySQLContainer("mysql:8.4").withUsername("root");
        container.start();
        return container;
    }

    /** @return the kind */
    public DbKind kind() {
        return kind;
    }

    /** @return the environment a host needs to use this database */
    public Map<String, String> env(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("MALLKIT_DATA_DIR", dataDir.toString());
        if (kind == DbKind.MYSQL) {
            env.put("MALLKIT_JDBC_URL", jdbcUrl());
            env.put("MALLKIT_JDBC_USER", user);
            env.put("MALLKIT_JDBC_PASSWORD", password);
        }
        return env;
    }

    /** @return a configuration of a host on a random loopback port using this database */
    public MallkitConfig config(Path dataDir, Map<String, String> extra) {
        Map<String, String> env = env(dataDir);
        env.put("MALLKIT_HTTP_PORT", "0");
        env.put("MALLKIT_HTTP_HOST", "127.0.0.1");
        env.putAll(extra);
        return MallkitConfig.from(env);
    }

    /** @return the JDBC URL of this database (MySQL kind) */
    public String jdbcUrl() {
        return serverUrl + schema + "?useSSL=false&allowPublicKeyRetrieval=true";
    }

    /** @return a direct connection, for tests that inspect rows */
    public Connection connect(Path dataDir) throws SQLException {
        if (kind == DbKind.H2) {
            return DriverManager.getConnection(MallkitConfig.from(env(dataDir)).jdbcUrl(), "sa", "");
        }
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl + "?useSSL=false&allowPublicKeyRetrieval=true", user, password);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql.toLowerCase(Locale.ROOT) + " failed on " + serverUrl + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (kind == DbKind.MYSQL) {
            execute("DROP DATABASE IF EXISTS " + schema);
        }
    }
}
