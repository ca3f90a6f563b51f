package dev.mallkit.host.cluster;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A host in its own JVM, started like production does it ({@code dev.mallkit.host.Main}) from the test
 * class path with the JDK running the tests; its output goes to {@code log}, shown when a test fails.
 */
final class HostProcess implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int httpPort;
    final Path log;
    private final Process process;

    private HostProcess(String name, int httpPort, Path log, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code Main} with exactly {@code settings} as its MALLKIT_* environment. */
    static HostProcess start(String name, int httpPort, Map<String, String> settings, Path logDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-Dpolyglot.engine.WarnInterpreterOnly=false", "--enable-native-access=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                // a lone first host need not wait long for members that are not there yet
                "-Dhazelcast.wait.seconds.before.join=1",
                "-cp", System.getProperty("java.class.path"), "dev.mallkit.host.Main"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("MALLKIT_") && !k.startsWith("MALLKIT_TEST_"));
        builder.environment().putAll(settings);
        builder.environment().put("MALLKIT_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("MALLKIT_HTTP_HOST", "127.0.0.1");
        Path log = logDir.resolve(name + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new HostProcess(name, httpPort, log, builder.start());
    }

    /** @return a free loopback port (free now; a test race with another process is unlikely) */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits until /health answers and satisfies {@code ready}, failing with the log's tail otherwise. */
    JsonObject awaitHealth(Duration timeout, Predicate<JsonObject> ready) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url("/health")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    last = new JsonObject(r.body());
                    if (ready.test(last)) {
                        return last;
                    }
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + " (last health " + last + "):\n" + tail());
    }

    String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    /** @return the last lines of the host's output */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the JVM at once, like a crash or {@code kill -9}: no shutdown hook, no lease hand-back. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
