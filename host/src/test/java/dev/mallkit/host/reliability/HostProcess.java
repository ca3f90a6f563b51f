package dev.mallkit.host.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The standalone host ({@code dev.mallkit.host.Main}) in a JVM of its own, on the test class path, so a
 * test can {@code kill -9} it and start it again on the same data directory and port.
 */
final class HostProcess implements AutoCloseable {
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;

    private HostProcess(Map<String, String> env, Path log, int port) {
        this.env = env;
        this.log = log;
        this.port = port;
    }

    /** Starts a host with {@code settings} ({@code MALLKIT_*}) on a free loopback port and waits until it is healthy. */
    static HostProcess start(Map<String, String> settings, Path log) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = new java.util.HashMap<>(settings);
        env.put("MALLKIT_HTTP_PORT", Integer.toString(port));
        env.put("MALLKIT_HTTP_HOST", "127.0.0.1");
        HostProcess host = new HostProcess(env, log, port);
        host.launch();
        return host;
    }

    int port() {
        return port;
    }

    /** {@code kill -9}: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the host again, same settings, data and port. */
    void restart() throws Exception {
        launch();
    }

    private void launch() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.mallkit.host.Main"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("MALLKIT_"));
        builder.environment().putAll(env);
        process = builder.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("host exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("host not healthy within 120 s; see " + log);
    }

    /** Stops the host gracefully (SIGTERM runs its shutdown hook). */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
