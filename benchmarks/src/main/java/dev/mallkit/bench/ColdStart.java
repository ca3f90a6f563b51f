package dev.mallkit.bench;

import dev.mallkit.host.Mallkit;
import dev.mallkit.host.config.MallkitConfig;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Host cold start with 10 plugins: a fresh JVM (same java, class path and flags as this one) starts a
 * host on embedded H2 and prints READY once {@code Mallkit.create} completed and the port listens; the
 * figure is the wall time from process launch to READY, for the first start (migrations, seeding and
 * approving the 10 packages) and for restarts over the same data directory. Target: ≤ 3 s.
 */
final class ColdStart {
    private ColdStart() {
    }

    /** Arguments: [restarts]. */
    static void run(String... args) throws Exception {
        int restarts = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path seed = Files.createTempDirectory("mallkit-coldstart-seed-");
        Path data = Files.createTempDirectory("mallkit-coldstart-data-");
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(BenchHost.pluginsDist(), "*.{jar,zip}")) {
            files.forEach(jars::add);
        }
        jars.sort(null);
        for (Path jar : jars.subList(0, Math.min(10, jars.size()))) {
            Files.copy(jar, seed.resolve(jar.getFileName()));
        }
        System.out.println("cold start: " + Machine.describe() + ", " + Math.min(10, jars.size()) + " plugins");
        try {
            for (int i = 0; i <= restarts; i++) {
                long millis = launch(seed, data);
                System.out.printf("%s: %d ms (target <= 3000): %s  load %s%n", i == 0 ? "first start (seeding)" : "restart " + i, millis,
                        millis <= 3000 ? "MET" : "MISSED", Machine.load());
            }
        } finally {
            BenchDatabase.deleteTree(seed);
            BenchDatabase.deleteTree(data);
        }
    }

    private static long launch(Path seed, Path data) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Bench.class.getName());
        command.add("host-process");
        command.add(seed.toString());
        command.add(data.toString());
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY")) {
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    System.out.println("  " + line);
                    process.destroy();
                    process.waitFor(30, TimeUnit.SECONDS);
                    return millis;
                }
            }
        }
        throw new IllegalStateException("host process ended without READY: exit " + process.waitFor());
    }

    /** The child: starts a host on {@code data} seeded from {@code seed}, prints READY with its own timings. */
    static void hostProcess(String seed, String data) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long start = System.nanoTime();
        Vertx vertx = Vertx.vertx();
        MallkitConfig config = MallkitConfig.from(Map.of("MALLKIT_DATA_DIR", data, "MALLKIT_SEED_PLUGINS", seed,
                "MALLKIT_HTTP_HOST", "127.0.0.1", "MALLKIT_HTTP_PORT", "0", "MALLKIT_ADMIN_TOKEN", BenchHost.ADMIN_TOKEN));
        Mallkit mallkit = Mallkit.create(vertx, config).await(60, TimeUnit.SECONDS);
        vertx.createHttpServer().requestHandler(mallkit.router()).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        System.out.printf("READY create+listen %d ms, since JVM start %d ms, CPU %d ms, %d plugins loaded%n", (System.nanoTime() - start) / 1_000_000,
                System.currentTimeMillis() - jvmStart, cpu / 1_000_000, mallkit.catalog().loaded().size());
        System.out.flush();
        Thread.sleep(60_000);
    }
}
