package dev.mallkit.host.plugins;

import dev.mallkit.host.db.Database;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.host.js.JsPackage;
import dev.mallkit.host.js.JsPluginLoader;
import dev.mallkit.host.runtime.LoadedPlugin;
import dev.mallkit.host.runtime.JavaPluginRuntime;
import dev.mallkit.host.runtime.PluginPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs plugin packages from the plugins directory into the runtimes at start, and seeds the
 * first-party packages (published and approved by the platform) on first start.
 */
public final class PluginInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(PluginInstaller.class);

    private final Database db;
    private final PluginCatalog catalog;
    private final JavaPluginRuntime javaRuntime;
    private final Path pluginsDir;

    private final boolean devMode;
    private final JsPluginLoader jsLoader;
    private final PlatformSigning signing;

    public PluginInstaller(Database db, PluginCatalog catalog, JavaPluginRuntime javaRuntime, JsPluginLoader jsLoader,
                           PlatformSigning signing, Path pluginsDir, boolean devMode) {
        this.signing = signing;
        this.devMode = devMode;
        this.jsLoader = jsLoader;
        this.db = db;
        this.catalog = catalog;
        this.javaRuntime = javaRuntime;
        this.pluginsDir = pluginsDir;
        catalog.attach(this);
    }

    /** @return the JavaScript loader, whose {@code check} the marketplace's review runs */
    public JsPluginLoader jsLoader() {
        return jsLoader;
    }

    /** @return the platform key this host signs and verifies with */
    public PlatformSigning signing() {
        return signing;
    }

    /** @return where installed packages live */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /** @return the file name a package is stored under in the plugins directory */
    public static String fileName(String id, String version, LoadedPlugin.Tier tier) {
        return id + "-" + version + (tier == LoadedPlugin.Tier.JAVA ? ".jar" : ".zip");
    }

    /** Copies every package of {@code seedDir} not yet published into the plugins directory, published and approved. */
    public int seed(Path seedDir) throws Exception {
        if (seedDir == null || !Files.isDirectory(seedDir)) {
            return 0;
        }
        Files.createDirectories(pluginsDir);
        int seeded = 0;
        for (Path file : packages(seedDir)) {
            Packaged pkg = Packaged.read(file);
            boolean published = db.inTransaction(c -> PluginCatalog.published(c, pkg.descriptor().id(), pkg.descriptor().version()).isPresent());
            if (published) {
                continue;
            }
            Path installed = Files.copy(file, pluginsDir.resolve(pkg.fileName()), StandardCopyOption.REPLACE_EXISTING);
            // first-party packages are signed like reviewed ones, so every load passes the same check
            String signature = signing.sign(installed, pkg.descriptor().id(), pkg.descriptor().version(), pkg.descriptor().provider()).signature();
            db.inTransaction(c -> {
                PluginCatalog.publish(c, pkg.descriptor(), pkg.tier().name(), pkg.sha256(), signature, "platform-seed");
                return null;
            });
            seeded++;
            LOG.info("seeded first-party plugin {} {}", pkg.descriptor().id(), pkg.descriptor().version());
        }
        return seeded;
    }

    /**
     * Unloads (id, version) from this host (a Java version's class loader is closed and released, a JavaScript
     * version's sandboxes closed) and deletes its package from the plugins directory, so no later start loads it.
     * Used when a version is yanked or uninstalled; blocking.
     *
     * @return whether a package file was deleted
     */
    public boolean remove(String id, String version) {
        catalog.unload(id, version);
        boolean deleted = false;
        for (LoadedPlugin.Tier tier : LoadedPlugin.Tier.values()) {
            try {
                deleted |= Files.deleteIfExists(pluginsDir.resolve(fileName(id, version, tier)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the package of " + id + " " + version, e);
            }
        }
        LOG.info("removed plugin {} {} from this host", id, version);
        return deleted;
    }

    /** Loads every package in the plugins directory; failures are recorded, never fatal. */
    public void installAll() throws IOException {
        if (!Files.isDirectory(pluginsDir)) {
            return;
        }
        for (Path file : packages(pluginsDir)) {
            install(file);
        }
    }

    /** Loads one package (a Java jar or a JavaScript zip); returns whether it loaded. */
    public boolean install(Path file) {
        Packaged pkg;
        try {
            pkg = Packaged.read(file);
        } catch (RuntimeException e) {
            LOG.warn("skipping {}: {}", file.getFileName(), e.getMessage());
            return false;
        }
        String id = pkg.descriptor().id();
        String version = pkg.descriptor().version();
        if (catalog.loaded(id, version).isPresent()) {
            return true;
        }
        try {
            String signed = devMode ? null : verify(file, id, version);
            LoadedPlugin plugin = pkg.tier() == LoadedPlugin.Tier.JAVA ? javaRuntime.install(file) : loadJs(file);
            if (signed != null && !signed.equals(plugin.sha256())) {
                // the file was read again to load it: what runs must be the very bytes whose signature was checked
                plugin.close();
                throw new IllegalStateException("refused HASH_MISMATCH: " + id + " " + version + " changed between verification and load");
            }
            catalog.register(plugin);
            if (devMode) {
                publishForDevelopment(pkg);
            }
            LOG.info("loaded plugin {} {} ({})", id, version, pkg.sha256());
            return true;
        } catch (RuntimeException e) {
            catalog.failed(id, version, e.getMessage());
            LOG.warn("plugin {} {} not loaded: {}", id, version, e.getMessage());
            return false;
        }
    }

    /**
     * Verified bytes passed the marketplace's JavaScript checks at review, so their sandboxes wait for a store
     * to use them; a development package is evaluated now, so a broken one is refused at load.
     */
    private LoadedPlugin loadJs(Path file) {
        return devMode ? jsLoader.load(file) : jsLoader.loadReviewed(file);
    }

    /**
     * Refuses a package whose bytes or metadata are not what the platform signed; the reason names the problem.
     *
     * @return the signed SHA-256, which the loaded plugin's must equal
     */
    private String verify(Path file, String id, String version) {
        java.util.Optional<dev.mallkit.marketplace.signing.ArtifactSignature> recorded;
        try {
            recorded = db.inTransaction(c -> PluginCatalog.signature(c, id, version));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the signature of " + id + " " + version + ": " + e.getMessage(), e);
        }
        signing.refusal(file, recorded.orElse(null), id, version).ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        return recorded.orElseThrow().sha256();
    }

    /** Dev mode: a local package becomes enable-able without review; its artifact stays unapproved. */
    private void publishForDevelopment(Packaged pkg) {
        try {
            db.inTransaction(c -> {
                if (PluginCatalog.published(c, pkg.descriptor().id(), pkg.descriptor().version()).isEmpty()) {
                    PluginCatalog.publishUnreviewed(c, pkg.descriptor(), pkg.tier().name(), pkg.sha256());
                }
                return null;
            });
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot record development plugin " + pkg.descriptor().id(), e);
        }
    }

    /** What the installer needs of a package of either tier. */
    record Packaged(PluginDescriptor descriptor, String sha256, LoadedPlugin.Tier tier) {
        static Packaged read(Path file) {
            if (file.getFileName().toString().endsWith(".zip")) {
                JsPackage pkg = JsPackage.read(file);
                return new Packaged(pkg.descriptor(), pkg.sha256(), LoadedPlugin.Tier.JAVASCRIPT);
            }
            PluginPackage pkg = PluginPackage.read(file);
            return new Packaged(pkg.descriptor(), pkg.sha256(), LoadedPlugin.Tier.JAVA);
        }

        /** @return the file name the package is stored under in the plugins directory */
        String fileName() {
            return PluginInstaller.fileName(descriptor.id(), descriptor.version(), tier);
        }
    }

    /** @return whether the platform approved and signed {@code sha256}; used as the Java runtime's trust */
    public static boolean approved(Database db, PlatformSigning signing, String sha256) {
        try (Connection c = db.dataSource().getConnection()) {
            return PluginCatalog.trusted(c, sha256, signing);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot check plugin approval: " + e.getMessage(), e);
        }
    }

    private static List<Path> packages(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar") || p.getFileName().toString().endsWith(".zip"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
