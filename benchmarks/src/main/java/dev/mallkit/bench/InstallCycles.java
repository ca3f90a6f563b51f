package dev.mallkit.bench;

import dev.mallkit.api.PluginConfig;
import dev.mallkit.host.js.JsEngine;
import dev.mallkit.host.js.JsPluginLoader;
import dev.mallkit.host.runtime.JavaPluginRuntime;
import dev.mallkit.host.runtime.LoadedPlugin;
import dev.mallkit.host.store.ExtensionPoints;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Install/unload cycles through the host's runtimes: each cycle installs one first-party package (Java
 * jars in their own PF4J class loader, JavaScript zips in a sandbox), calls {@code validate} on each of its
 * extensions, and unloads it. Heap and metaspace after full GC are compared after a warm-up and after
 * the cycles. Target: both within 5% of the start.
 */
final class InstallCycles {
    private InstallCycles() {
    }

    /** Arguments: [cycles] [warm-up cycles]. */
    static void run(String... args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<Path> packages = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(BenchHost.pluginsDist(), "*.{jar,zip}")) {
            files.forEach(packages::add);
        }
        packages.sort(null);
        System.out.println("install cycles: " + Machine.describe() + ", " + cycles + " cycles over " + packages.size() + " packages");
        Path work = Files.createTempDirectory("mallkit-cycles-");
        try (JavaPluginRuntime java = new JavaPluginRuntime(work, sha -> true, false); JsEngine engine = JsEngine.withDefaults()) {
            JsPluginLoader js = new JsPluginLoader(engine);
            for (int i = 0; i < warmup; i++) {
                cycle(java, js, packages.get(i % packages.size()));
            }
            long heap0 = SnapshotFootprint.usedAfterGc();
            long meta0 = metaspace();
            long start = System.nanoTime();
            for (int i = 0; i < cycles; i++) {
                cycle(java, js, packages.get(i % packages.size()));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long heap1 = SnapshotFootprint.usedAfterGc();
            long meta1 = metaspace();
            double heapGrowth = (heap1 - heap0) * 100.0 / heap0;
            double metaGrowth = (meta1 - meta0) * 100.0 / meta0;
            System.out.printf("%d cycles in %.1f s (%.1f ms each); heap %.1f -> %.1f MiB (%+.1f%%), metaspace %.1f -> %.1f MiB (%+.1f%%)"
                            + " (target within 5%%): %s  load %s%n", cycles, seconds, seconds * 1000 / cycles, heap0 / 1048576.0,
                    heap1 / 1048576.0, heapGrowth, meta0 / 1048576.0, meta1 / 1048576.0, metaGrowth,
                    Math.abs(heapGrowth) <= 5 && Math.abs(metaGrowth) <= 5 ? "MET" : "MISSED", Machine.load());
        } finally {
            BenchDatabase.deleteTree(work);
        }
    }

    private static void cycle(JavaPluginRuntime java, JsPluginLoader js, Path pkg) {
        boolean javaTier = pkg.getFileName().toString().endsWith(".jar");
        LoadedPlugin plugin = javaTier ? java.install(pkg) : js.load(pkg);
        try {
            for (String point : plugin.descriptor().extensionPoints()) {
                ExtensionPoints.named(point).flatMap(plugin::extension).ifPresent(e -> e.validate(PluginConfig.empty()));
            }
        } finally {
            if (javaTier) {
                java.uninstall(plugin.descriptor().id(), plugin.descriptor().version());
            } else {
                plugin.close();
            }
        }
    }

    static long metaspace() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().equals("Metaspace"))
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }
}
