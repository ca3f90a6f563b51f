package dev.mallkit.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a figure was measured on: cores, memory, load average; printed beside every result. */
public final class Machine {
    private Machine() {
    }

    /** @return e.g. {@code nproc=2 mem=23.4GiB load=1.20 0.90 0.80 jdk=25.0.3} */
    public static String describe() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return "nproc=" + Runtime.getRuntime().availableProcessors()
                + " mem=" + String.format("%.1fGiB", memory / (1024.0 * 1024 * 1024))
                + " load=" + load()
                + " jdk=" + Runtime.version();
    }

    /** @return the 1, 5 and 15 minute load averages */
    public static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
