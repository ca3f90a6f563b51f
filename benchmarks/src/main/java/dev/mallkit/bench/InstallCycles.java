package dev.mallkit.bench;

import dev.mallkit.api.PluginConfig;
import dev.mallkit.host.Mallkit;
import dev.mallkit.host.js.JsEngine;
import dev.mallkit.host.js.JsPluginLoader;
import dev.mallkit.host.runtime.JavaPluginRuntime;
import dev.mallkit.host.runtime.LoadedPlugin;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.management.ObjectName;

/**
 * Install/unload cycles through the host's runtimes: each cycle installs one first-party package (Java
 * jars in their own PF4J class loader, JavaScript zips in a sandbox), calls {@code validate} on each of its
 * extensions, and unloads it. Heap and metaspace after full GC are compared after a warm-up and after
 * the cycles. Target: both within 5% of the start.
 */
final class InstallCycles {
    private InstallCycles() {
    }

    /**
     * Arguments: [cycles] [warm-up cycles] [tier: all, jar or zip]. With {@code -Dbench.histogram=DIR} the class
     * histograms after full GC at both points are written there, to diff what the cycles retained.
     */
    static void run(String... args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String tier = args.length > 2 ? args[2] : "all";
        String glob = switch (tier) {
            case "jar" -> "*.jar";
            case "zip" -> "*.zip";
            default -> "*.{jar,zip}";
        };
        List<Path> packages = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(BenchHost.pluginsDist(), glob)) {
            files.forEach(packages::add);
        }
        packages.sort(null);
        System.out.println("install cycles: " + Machine.describe() + ", " + cycles + " cycles over " + packages.size() + " packages (" + tier + ")");
        Path work = Files.createTempDirectory("mallkit-cycles-");
        try (JavaPluginRuntime java = new JavaPluginRuntime(work, sha -> true, false); JsEngine engine = JsEngine.withDefaults()) {
            JsPluginLoader js = new JsPluginLoader(Mallkit.standardPoints(), engine);
            for (int i = 0; i < warmup; i++) {
                cycle(java, js, packages.get(i % packages.size()));
            }
            // the warm-up's own background compilations must not inflate the baseline either
            long heap0 = settle(SnapshotFootprint.usedAfterGc())[0];
            long idle0 = compilerIdle();
            histogram("before");
            long meta0 = metaspace();
            long start = System.nanoTime();
            for (int i = 0; i < cycles; i++) {
                cycle(java, js, packages.get(i % packages.size()));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long heap1 = SnapshotFootprint.usedAfterGc();
            long meta1 = metaspace();
            histogram("after");
            report(String.format("%d cycles in %.1f s (%.1f ms each); right after", cycles, seconds, seconds * 1000 / cycles), heap0, heap1, meta0, meta1);
            // background compilations of the last cycles' JavaScript still hold compiler graphs; measure again once they end
            long[] settled = settle(heap1);
            histogram("settled");
            report("settled after " + settled[1] + " s", heap0, settled[0], meta0, metaspace());
            long idle1 = compilerIdle();
            histogram("idle");
            report("both points with the JavaScript compiler idle (its caches dropped)", idle0, idle1, meta0, metaspace());
        } finally {
            BenchDatabase.deleteTree(work);
        }
    }

    private static void report(String what, long heap0, long heap1, long meta0, long meta1) {
        double heapGrowth = (heap1 - heap0) * 100.0 / heap0;
        double metaGrowth = (meta1 - meta0) * 100.0 / meta0;
        System.out.printf("%s: heap %.1f -> %.1f MiB (%+.1f%%), metaspace %.1f -> %.1f MiB (%+.1f%%) (target within 5%%): %s  load %s%n",
                what, heap0 / 1048576.0, heap1 / 1048576.0, heapGrowth, meta0 / 1048576.0, meta1 / 1048576.0, metaGrowth,
                Math.abs(heapGrowth) <= 5 && Math.abs(metaGrowth) <= 5 ? "MET" : "MISSED", Machine.load());
    }

    /** @return the heap after full GC once two readings 2 s apart agree within 1% (at most 30 s), and the seconds waited */
    private static long[] settle(long heap) throws InterruptedException {
        long previous = heap;
        for (int waited = 2; waited <= 30; waited += 2) {
            Thread.sleep(2_000);
            long now = SnapshotFootprint.usedAfterGc();
            if (Math.abs(now - previous) * 100 <= previous) {
                return new long[] {now, waited};
            }
            previous = now;
        }
        return new long[] {previous, 30};
    }

    /**
     * Truffle's compiler threads keep the partial evaluator's graph cache (2 to 4 MiB here) until they have had
     * nothing to compile for {@code engine.CompilerIdleDelay} (10 s) and end. Whether a reading holds that cache
     * depends on how long ago the last compilation was, so the row's readings swing by its size. This one waits
     * until the threads have ended (at most 60 s).
     *
     * @return the heap after full GC once no Truffle compiler thread is left
     */
    private static long compilerIdle() throws InterruptedException {
        for (int waited = 0; waited < 60_000 && compilerThreads() > 0; waited += 500) {
            Thread.sleep(500);
        }
        return SnapshotFootprint.usedAfterGc();
    }

    private static long compilerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("TruffleCompilerThread")).count();
    }

    private static void cycle(JavaPluginRuntime java, JsPluginLoader js, Path pkg) {
        boolean javaTier = pkg.getFileName().toString().endsWith(".jar");
        LoadedPlugin plugin = javaTier ? java.install(pkg) : js.load(pkg);
        try {
            for (String point : plugin.descriptor().extensionPoints()) {
                Mallkit.standardPoints().type(point).flatMap(plugin::extension).ifPresent(e -> e.validate(PluginConfig.empty()));
            }
        } finally {
            if (javaTier) {
                java.uninstall(plugin.descriptor().id(), plugin.descriptor().version());
            } else {
                plugin.close();
            }
        }
    }

    /** With {@code -Dbench.histogram=DIR}: GC.class_histogram through the DiagnosticCommand MBean (it runs a full GC first). */
    static void histogram(String name) throws Exception {
        String dir = System.getProperty("bench.histogram");
        if (dir == null) {
            return;
        }
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Files.writeString(Path.of(dir, "histogram-" + name + ".txt"), text.toString());
    }

    static long metaspace() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().equals("Metaspace"))
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }
}
