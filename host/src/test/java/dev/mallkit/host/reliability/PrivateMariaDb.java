package dev.mallkit.host.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A MariaDB server of its own (own port, data directory and socket), started with the commands of
 * .ci/mariadb, so a test may kill, freeze and restart it without disturbing the shared test server.
 */
final class PrivateMariaDb implements AutoCloseable {
    private final Path base;
    private final int port;
    private Process server;

    private PrivateMariaDb(Path base, int port) {
        this.base = base;
        this.port = port;
    }

    /** Installs a fresh data directory and starts the server; skips the test when MariaDB is not installed. */
    static PrivateMariaDb start() throws Exception {
        Path mariadbd = Path.of("/usr/sbin/mariadbd");
        Assumptions.assumeTrue(Files.isExecutable(mariadbd), "mariadbd not installed: apt-get install -y mariadb-server");
        Path base = Files.createTempDirectory("mallkit-private-mariadb-");
        PrivateMariaDb db = new PrivateMariaDb(base, freePort());
        run(List.of("mariadb-install-db", "--no-defaults", "--user=root", "--datadir=" + base.resolve("data"),
                "--auth-root-authentication-method=normal"), base.resolve("install.log"));
        db.startServer();
        db.sql("DELETE FROM mysql.global_priv WHERE User='';"
                + "CREATE USER 'mallkit'@'127.0.0.1' IDENTIFIED BY 'mallkit';"
                + "GRANT ALL PRIVILEGES ON *.* TO 'mallkit'@'127.0.0.1';"
                + "CREATE DATABASE mallkit CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;"
                + "FLUSH PRIVILEGES;");
        return db;
    }

    /** @return the JDBC URL of the {@code mallkit} schema */
    String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/mallkit?useSSL=false&allowPublicKeyRetrieval=true";
    }

    /** @return the settings a host needs to use this server */
    java.util.Map<String, String> hostSettings() {
        return java.util.Map.of("MALLKIT_JDBC_URL", jdbcUrl(), "MALLKIT_JDBC_USER", "mallkit", "MALLKIT_JDBC_PASSWORD", "mallkit");
    }

    long pid() {
        return server.pid();
    }

    /** {@code kill -9} of the server process. */
    void kill() throws InterruptedException {
        server.destroyForcibly();
        server.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the server again on the same port and data directory (after {@link #kill()}). */
    void restart() throws Exception {
        startServer();
    }

    /** SIGSTOP: the server stops answering but keeps its connections open. */
    void freeze() throws Exception {
        signal("-STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    void thaw() throws Exception {
        signal("-CONT");
    }

    private void signal(String signal) throws Exception {
        run(List.of("kill", signal, Long.toString(server.pid())), base.resolve("signal.log"));
    }

    private void startServer() throws Exception {
        server = new ProcessBuilder("/usr/sbin/mariadbd", "--no-defaults", "--user=root", "--datadir=" + base.resolve("data"),
                "--socket=" + base.resolve("sock"), "--port=" + port, "--bind-address=127.0.0.1", "--skip-name-resolve",
                "--innodb-buffer-pool-size=64M", "--max-connections=200", "--innodb-flush-log-at-trx-commit=2",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_bin")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("server.log").toFile()))
                .start();
        for (int i = 0; i < 120; i++) {
            if (tryRun(List.of("mariadb", "--no-defaults", "--socket=" + base.resolve("sock"), "-uroot", "-e", "SELECT 1"))) {
                return;
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("mariadbd exited: " + Files.readString(base.resolve("server.log")));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("mariadbd did not answer within 30 s");
    }

    private void sql(String statements) throws Exception {
        run(List.of("mariadb", "--no-defaults", "--socket=" + base.resolve("sock"), "-uroot", "-e", statements), base.resolve("sql.log"));
    }

    private static boolean tryRun(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static void run(List<String> command, Path log) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(command.getFirst() + " failed: " + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        if (server != null && server.isAlive()) {
            thaw();
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        try (var paths = Files.walk(base)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
