package dev.mallkit.marketplace.conformance;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.testkit.Conformance;
import dev.mallkit.testkit.ConformanceReport;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pf4j.PluginState;

import static java.util.Objects.requireNonNull;

/**
 * Loads a Java plugin in isolation, runs the {@link Conformance} kit on every extension it
 * declares, then loads and unloads it {@code cycles} times and requires its class loader to be
 * garbage collected each time (a plugin that leaks it would leak on every version switch in a host).
 */
public final class ConformanceCheck {
    static final String CHECK = "conformance";
    private final Map<String, Class<? extends MallkitExtension>> points;
    private final Path tempParent;
    private final Duration budget;
    private final int cycles;
    private final Duration collectTimeout;

    /**
     * @param points         the extension points the host runs, by descriptor name
     * @param tempParent     where the throw-away plugin directories are created
     * @param budget         the time budget of one warm extension call
     * @param cycles         how many load/unload cycles must each free the class loader, at least 1
     * @param collectTimeout how long to wait for a class loader to be collected
     */
    public ConformanceCheck(Map<String, Class<? extends MallkitExtension>> points, Path tempParent, Duration budget, int cycles,
                            Duration collectTimeout) {
        this.points = Map.copyOf(requireNonNull(points, "points is null"));
        this.tempParent = requireNonNull(tempParent, "tempParent is null");
        this.budget = requireNonNull(budget, "budget is null");
        this.collectTimeout = requireNonNull(collectTimeout, "collectTimeout is null");
        if (cycles < 1) {
            throw new IllegalArgumentException("cycles must be at least 1");
        }
        this.cycles = cycles;
    }

    /** @return conformance and unload findings for the plugin jar */
    public List<Finding> check(Path pluginJar, PluginDescriptor descriptor, PluginConfig config) throws IOException {
        List<Finding> findings = new ArrayList<>();
        for (int cycle = 0; cycle < cycles; cycle++) {
            WeakReference<ClassLoader> loader = loadRunUnload(pluginJar, descriptor, config, cycle == 0, findings);
            if (loader == null) {
                return findings;
            }
            if (!Collectable.await(loader, collectTimeout)) {
                findings.add(Finding.blocking(CHECK, "UNLOAD_CLASSLOADER_LEAKED", "the plugin's class loader was still reachable "
                        + collectTimeout.toMillis() + " ms after unload " + (cycle + 1) + " of " + cycles, descriptor.id()));
                return findings;
            }
        }
        return findings;
    }

    /** @return a weak reference to the plugin's class loader, or null when the plugin did not load */
    private WeakReference<ClassLoader> loadRunUnload(Path jar, PluginDescriptor descriptor, PluginConfig config,
                                                     boolean runKit, List<Finding> findings) throws IOException {
        Path root = Files.createTempDirectory(Files.createDirectories(tempParent), "mallkit-pf4j-");
        IsolatedPluginManager manager = null;
        try {
            Path copy = Files.copy(jar, root.resolve(descriptor.id() + "-" + descriptor.version() + ".jar"));
            manager = new IsolatedPluginManager(root);
            String id = manager.loadPlugin(copy);
            PluginState state = manager.startPlugin(id);
            if (state != PluginState.STARTED) {
                findings.add(Finding.blocking(CHECK, "CONFORMANCE_LOAD_FAILED", "PF4J left the plugin " + state
                        + ": " + manager.getPlugin(id).getFailedException(), descriptor.id()));
                return null;
            }
            WeakReference<ClassLoader> loader = new WeakReference<>(manager.getPluginClassLoader(id));
            for (String point : descriptor.extensionPoints()) {
                runPoint(manager, id, point, config, runKit, findings);
            }
            return loader;
        } catch (RuntimeException | LinkageError e) {
            findings.add(Finding.blocking(CHECK, "CONFORMANCE_LOAD_FAILED", "loading failed: " + e, descriptor.id()));
            return null;
        } finally {
            if (manager != null) {
                manager.unloadAll();
            }
            deleteTree(root);
        }
    }

    private void runPoint(IsolatedPluginManager manager, String id, String point, PluginConfig config, boolean runKit,
                          List<Finding> findings) {
        Class<? extends MallkitExtension> type = points.get(point);
        List<? extends MallkitExtension> extensions = type == null ? List.of() : manager.getExtensions(type, id);
        if (extensions.isEmpty()) {
            findings.add(Finding.blocking(CHECK, "CONFORMANCE_NO_EXTENSION",
                    "the descriptor declares " + point + " but the plugin has no @Extension implementing it", point));
            return;
        }
        if (!runKit) {
            return;
        }
        for (MallkitExtension extension : extensions) {
            ConformanceReport report = Conformance.check(extension, config, budget);
            String location = extension.getClass().getName();
            report.violations().forEach(v -> findings.add(Finding.blocking(CHECK, "CONFORMANCE_" + v.code(),
                    v.extensionPoint() + ": " + v.message(), location)));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
