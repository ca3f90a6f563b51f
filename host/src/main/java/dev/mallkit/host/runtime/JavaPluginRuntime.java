package dev.mallkit.host.runtime;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.marketplace.conformance.ApiOnlyClassLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Loads Java (PF4J) plugins into this process, each (id, version) in its own class loader, so several
 * versions of one plugin run side by side. Installing copies the jar into a runtime-owned directory
 * (the source may then be replaced or deleted); uninstalling unloads the version, closes its class
 * loader and deletes the copy, leaving nothing that pins the loader or the file.
 *
 * <p>Only artifacts the {@link ArtifactTrust} approves are loaded: nothing in a JVM can confine
 * in-process code. In dev mode an unapproved jar loads anyway, with a loud warning.
 */
public final class JavaPluginRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JavaPluginRuntime.class);

    static {
        // PF4J reads META-INF/extensions.idx through jar: URLs; a cached jar: connection may keep its
        // JarFile open in the JDK's factory cache, pinning the file after unload. Plugins must not.
        URLConnection.setDefaultUseCaches("jar", false);
    }

    private final Path workDir;
    private final ArtifactTrust trust;
    private final boolean devMode;
    // a plugin sees the JDK, the plugin API and PF4J; the host's own classes and libraries are not there to link against
    private final ClassLoader hostLoader = new ApiOnlyClassLoader(MallkitExtension.class.getClassLoader());
    private final Map<Key, JavaPlugin> plugins = new ConcurrentHashMap<>();

    /**
     * @param workDir where the runtime keeps its copies of installed jars; created if absent
     * @param trust   which artifact hashes may run
     * @param devMode {@code true} loads unapproved jars with a warning (MALLKIT_DEV_MODE)
     */
    public JavaPluginRuntime(Path workDir, ArtifactTrust trust, boolean devMode) {
        this.workDir = requireNonNull(workDir, "workDir is null").toAbsolutePath();
        this.trust = requireNonNull(trust, "trust is null");
        this.devMode = devMode;
        try {
            Files.createDirectories(this.workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create plugin work directory " + workDir, e);
        }
    }

    /**
     * Copies, checks, loads and starts a plugin jar.
     *
     * @return the started plugin, tier {@link LoadedPlugin.Tier#JAVA}
     * @throws UntrustedPluginException if the jar's hash is not approved and dev mode is off
     * @throws PluginPackageException   if the jar is invalid, already installed, or fails to start
     */
    public synchronized JavaPlugin install(Path jar) {
        requireNonNull(jar, "jar is null");
        Path staged = stage(jar);
        try {
            PluginPackage staging = PluginPackage.read(staged);
            checkTrust(jar, staging.sha256());
            Key key = new Key(staging.descriptor().id(), staging.descriptor().version());
            if (plugins.containsKey(key)) {
                throw new PluginPackageException("plugin " + key + " is already installed; uninstall it first");
            }
            Path dir = workDir.resolve(key.id()).resolve(key.version());
            Files.createDirectories(dir);
            Path target = Files.move(staged, dir.resolve(key.id() + "-" + key.version() + ".jar"), StandardCopyOption.REPLACE_EXISTING);
            PluginPackage pkg = new PluginPackage(target, staging.sha256(), staging.descriptor());
            JavaPlugin plugin = load(key, pkg, dir);
            plugins.put(key, plugin);
            LOG.info("Installed Java plugin {} (sha256 {})", key, pkg.sha256());
            return plugin;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install plugin " + jar, e);
        } finally {
            deleteQuietly(staged);
        }
    }

    /** @return the installed version, if any */
    public Optional<JavaPlugin> find(String id, String version) {
        return Optional.ofNullable(plugins.get(new Key(id, version)));
    }

    /** @return every installed version */
    public List<JavaPlugin> installed() {
        return List.copyOf(plugins.values());
    }

    /** Starts a stopped version again. */
    public void start(String id, String version) {
        require(id, version).start();
    }

    /** Stops a version; it stays loaded and offers no extension until started again. */
    public void stop(String id, String version) {
        require(id, version).stop();
    }

    /**
     * Stops and unloads a version, closes its class loader and deletes the runtime's copy of its jar.
     *
     * @return whether the version was installed
     */
    public synchronized boolean uninstall(String id, String version) {
        Key key = new Key(id, version);
        JavaPlugin plugin = plugins.remove(key);
        if (plugin == null) {
            return false;
        }
        try {
            plugin.unload();
        } finally {
            deleteTree(plugin.pluginPackage().jar().getParent());
        }
        LOG.info("Uninstalled Java plugin {}", key);
        return true;
    }

    /** Uninstalls every version, one by one (PF4J's stopPlugins() trips over its own list, pf4j#656). */
    @Override
    public synchronized void close() {
        for (Key key : new ArrayList<>(plugins.keySet())) {
            try {
                uninstall(key.id(), key.version());
            } catch (RuntimeException e) {
                LOG.error("Failed to uninstall plugin {}", key, e);
            }
        }
    }

    private JavaPlugin load(Key key, PluginPackage pkg, Path dir) {
        IsolatedPluginManager manager = new IsolatedPluginManager(dir, hostLoader);
        JavaPlugin plugin = new JavaPlugin(pkg, manager, p -> uninstall(key.id(), key.version()));
        try {
            String loaded = manager.loadPlugin(pkg.jar());
            if (!key.id().equals(loaded)) {
                throw new PluginPackageException("plugin " + key + " was loaded by PF4J as '" + loaded + "'");
            }
            plugin.start();
            return plugin;
        } catch (RuntimeException e) {
            try {
                plugin.unload();
            } finally {
                deleteTree(dir);
            }
            throw e instanceof PluginPackageException ? e : new PluginPackageException("cannot load plugin " + key + ": " + e.getMessage(), e);
        }
    }

    private void checkTrust(Path source, String sha256) {
        if (trust.isApproved(sha256)) {
            return;
        }
        if (!devMode) {
            throw new UntrustedPluginException("refusing Java plugin " + source + ": its sha256 " + sha256
                    + " is not approved by the platform (set MALLKIT_DEV_MODE=true to load local plugins)");
        }
        LOG.warn("""

                ************************************************************************
                * DEV MODE: loading an UNAPPROVED Java plugin into this process.
                * jar:    {}
                * sha256: {}
                * It runs with the host's full privileges; never do this in production.
                ************************************************************************""", source, sha256);
    }

    private Path stage(Path jar) {
        try {
            Path staging = Files.createDirectories(workDir.resolve(".staging"));
            return Files.copy(jar, staging.resolve(UUID.randomUUID() + ".jar"));
        } catch (IOException e) {
            throw new PluginPackageException("cannot copy plugin package " + jar + ": " + e.getMessage(), e);
        }
    }

    private JavaPlugin require(String id, String version) {
        Key key = new Key(id, version);
        JavaPlugin plugin = plugins.get(key);
        if (plugin == null) {
            throw new IllegalArgumentException("plugin " + key + " is not installed");
        }
        return plugin;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(JavaPluginRuntime::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("Cannot delete plugin directory {}", dir, e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}", path, e);
        }
    }

    private record Key(String id, String version) {
        Key {
            requireNonNull(id, "id is null");
            requireNonNull(version, "version is null");
        }

        @Override
        public String toString() {
            return id + "@" + version;
        }
    }
}
