package dev.mallkit.host.runtime;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.PluginDescriptor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.pf4j.PluginState;

import static java.util.Objects.requireNonNull;

/**
 * A Java plugin version loaded by {@link JavaPluginRuntime} in its own class loader. Extensions are
 * instantiated once and shared by every store (the API requires them stateless and thread-safe).
 */
public final class JavaPlugin implements LoadedPlugin {
    private final PluginPackage pkg;
    private final Consumer<JavaPlugin> onClose;
    private final Map<Class<?>, Optional<Object>> extensions = new ConcurrentHashMap<>();
    // nulled on unload so a caller still holding this object does not pin the class loader
    private volatile IsolatedPluginManager manager;

    JavaPlugin(PluginPackage pkg, IsolatedPluginManager manager, Consumer<JavaPlugin> onClose) {
        this.pkg = requireNonNull(pkg, "pkg is null");
        this.manager = requireNonNull(manager, "manager is null");
        this.onClose = requireNonNull(onClose, "onClose is null");
    }

    @Override
    public PluginDescriptor descriptor() {
        return pkg.descriptor();
    }

    @Override
    public String sha256() {
        return pkg.sha256();
    }

    @Override
    public Tier tier() {
        return Tier.JAVA;
    }

    /** @return the runtime-owned copy of the jar this version was loaded from */
    public PluginPackage pluginPackage() {
        return pkg;
    }

    /** @return whether the plugin is started; a stopped or unloaded plugin offers no extension */
    public boolean isStarted() {
        IsolatedPluginManager current = manager;
        return current != null && current.getPlugin(id()).getPluginState() == PluginState.STARTED;
    }

    /** @return the implementation of {@code point}, or empty if the plugin provides none or is not started */
    @Override
    public <T extends MallkitExtension> Optional<T> extension(Class<T> point) {
        requireNonNull(point, "point is null");
        IsolatedPluginManager current = manager;
        if (current == null || !isStarted()) {
            return Optional.empty();
        }
        return extensions.computeIfAbsent(point, p -> current.getExtensions(point, id()).stream().findFirst().map(Object.class::cast))
                .map(point::cast);
    }

    @Override
    public void close() {
        onClose.accept(this);
    }

    synchronized void start() {
        IsolatedPluginManager current = requireLoaded();
        PluginState state = current.startPlugin(id());
        if (state != PluginState.STARTED) {
            Throwable cause = current.getPlugin(id()).getFailedException();
            throw new PluginPackageException("plugin " + label() + " failed to start (" + state + ")", cause);
        }
    }

    synchronized void stop() {
        requireLoaded().stopPlugin(id());
        extensions.clear();
    }

    // stops the plugin and closes its class loader (PF4J closes it on unload), then forgets PF4J
    synchronized void unload() {
        IsolatedPluginManager current = manager;
        if (current == null) {
            return;
        }
        extensions.clear();
        manager = null;
        current.unloadPlugin(id());
    }

    String label() {
        return id() + "@" + descriptor().version();
    }

    private String id() {
        return pkg.descriptor().id();
    }

    private IsolatedPluginManager requireLoaded() {
        IsolatedPluginManager current = manager;
        if (current == null) {
            throw new IllegalStateException("plugin " + label() + " is unloaded");
        }
        return current;
    }
}
