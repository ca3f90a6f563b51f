package dev.mallkit.host.plugins;

import dev.mallkit.host.db.Database;
import dev.mallkit.host.runtime.JavaPlugin;
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

    public PluginInstaller(Database db, PluginCatalog catalog, JavaPluginRuntime javaRuntime, Path pluginsDir, boolean devMode) {
        this.devMode = devMode;
        this.db = db;
        this.catalog = catalog;
        this.javaRuntime = javaRuntime;
        this.pluginsDir = pluginsDir;
    }

    /** Copies every package of {@code seedDir} not yet published into the plugins directory, published and approved. */
    public int seed(Path seedDir) throws Exception {
        if (seedDir == null || !Files.isDirectory(seedDir)) {
            return 0;
        }
        Files.createDirectories(pluginsDir);
        int seeded = 0;
        for (Path jar : packages(seedDir)) {
            PluginPackage pkg = PluginPackage.read(jar);
            boolean published = db.inTransaction(c -> PluginCatalog.published(c, pkg.descriptor().id(), pkg.descriptor().version()).isPresent());
            if (published) {
                continue;
            }
            Files.copy(jar, pluginsDir.resolve(fileName(pkg)), StandardCopyOption.REPLACE_EXISTING);
            db.inTransaction(c -> {
                PluginCatalog.publish(c, pkg.descriptor(), "JAVA", pkg.sha256(), null, "platform-seed");
                return null;
            });
            seeded++;
            LOG.info("seeded first-party plugin {} {}", pkg.descriptor().id(), pkg.descriptor().version());
        }
        return seeded;
    }

    /** Loads every package in the plugins directory; failures are recorded, never fatal. */
    public void installAll() throws IOException {
        if (!Files.isDirectory(pluginsDir)) {
            return;
        }
        for (Path jar : packages(pluginsDir)) {
            install(jar);
        }
    }

    /** Loads one package; returns whether it loaded. */
    public boolean install(Path jar) {
        PluginPackage pkg;
        try {
            pkg = PluginPackage.read(jar);
        } catch (RuntimeException e) {
            LOG.warn("skipping {}: {}", jar.getFileName(), e.getMessage());
            return false;
        }
        String id = pkg.descriptor().id();
        String version = pkg.descriptor().version();
        if (catalog.loaded(id, version).isPresent()) {
            return true;
        }
        try {
            JavaPlugin plugin = javaRuntime.install(jar);
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

    /** Dev mode: a local package becomes enable-able without review; its artifact stays unapproved. */
    private void publishForDevelopment(PluginPackage pkg) {
        try {
            db.inTransaction(c -> {
                if (PluginCatalog.published(c, pkg.descriptor().id(), pkg.descriptor().version()).isEmpty()) {
                    PluginCatalog.publishUnreviewed(c, pkg.descriptor(), "JAVA", pkg.sha256());
                }
                return null;
            });
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot record development plugin " + pkg.descriptor().id(), e);
        }
    }

    /** @return the file name a package is stored under in the plugins directory */
    public static String fileName(PluginPackage pkg) {
        return pkg.descriptor().id() + "-" + pkg.descriptor().version() + ".jar";
    }

    /** @return whether the platform approved {@code sha256}; used as the Java runtime's trust */
    public static boolean approved(Database db, String sha256) {
        try (Connection c = db.dataSource().getConnection()) {
            return PluginCatalog.approved(c, sha256);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot check plugin approval: " + e.getMessage(), e);
        }
    }

    private static List<Path> packages(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
