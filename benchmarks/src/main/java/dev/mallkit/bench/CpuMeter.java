package dev.mallkit.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM and by the MariaDB server (its pid file under {@code MALLKIT_TEST_MARIADB_DIR}) between
 * two readings. On a shared 2-core box throughput follows the load of other people's work; CPU per unit of work
 * does far less, so a driver prints both.
 */
final class CpuMeter {
    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ, 100 on Linux

    private final long jvmStart = jvmNanos();
    private final Map<String, Long> threadsStart = threadNanos();
    private Map<String, Long> threadsEnd = Map.of();
    private final long serverStart = serverNanos();
    private long jvmEnd;
    private long serverEnd;

    /** Ends the period measured. */
    CpuMeter stop() {
        jvmEnd = jvmNanos();
        threadsEnd = threadNanos();
        serverEnd = serverNanos();
        return this;
    }

    /** @return e.g. {@code "CPU per event: JVM 1.23 ms, MariaDB 0.45 ms"} for {@code units} units between construction and stop */
    String perUnit(String unit, long units) {
        double jvm = (jvmEnd - jvmStart) / 1e6 / units;
        long server = serverEnd;
        String db = server < 0 || serverStart < 0 ? "n/a" : String.format("%.2f ms", (server - serverStart) / 1e6 / units);
        return String.format("CPU per %s: JVM %.2f ms, MariaDB %s (%d %ss)", unit, jvm, db, units, unit);
    }

    /** @return the JVM's CPU in the period by thread name (digits dropped), largest first, e.g. {@code vert.x-eventloop 41%} */
    String byThread() {
        Map<String, Long> spent = new HashMap<>();
        threadsEnd.forEach((name, end) -> spent.merge(name, end - threadsStart.getOrDefault(name, 0L), Long::sum));
        // of the process's CPU; threads that ended within the period are no longer listed
        long total = Math.max(1, jvmEnd - jvmStart);
        return spent.entrySet().stream().filter(e -> e.getValue() * 100 / total >= 1)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue() * 100 / total + "%")
                .collect(Collectors.joining(", ", "JVM CPU by live thread: ", ""));
    }

    /** @return the share of the JVM's CPU in the period that went to its JIT compiler threads (C1, C2, Truffle) */
    double compilerShare() {
        // of the process's CPU: threads that ended in the period (a raw run's workers) are gone from /proc/self/task
        long total = jvmEnd - jvmStart;
        long compilers = 0;
        for (Map.Entry<String, Long> e : threadsEnd.entrySet()) {
            if (e.getKey().contains("Compiler")) {
                compilers += e.getValue() - threadsStart.getOrDefault(e.getKey(), 0L);
            }
        }
        return total <= 0 ? 0 : (double) compilers / total;
    }

    // per native thread of this process (/proc/self/task), so GC and JIT compiler threads count too
    private static Map<String, Long> threadNanos() {
        Map<String, Long> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "N");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, (long) ((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    // utime + stime of the server process (shared with other engineers' tests: an upper bound for this run's share)
    private static long serverNanos() {
        try {
            String pid = Files.readString(Path.of(System.getenv().getOrDefault("MALLKIT_TEST_MARIADB_DIR", "/tmp/mallkit-mariadb"), "pid")).trim();
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (long) ((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
