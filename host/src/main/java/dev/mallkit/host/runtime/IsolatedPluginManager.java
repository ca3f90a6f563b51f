package dev.mallkit.host.runtime;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Enumeration;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginManager;
import org.pf4j.LegacyExtensionFinder;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.RuntimeMode;

/**
 * A PF4J manager that holds exactly one (plugin id, version). PF4J keys plugins by id, so side-by-side
 * versions need one manager each; dropping the manager after unloading drops every reference PF4J
 * kept to the plugin's class loader.
 */
final class IsolatedPluginManager extends JarPluginManager {
    /** Packages always loaded by the host so a plugin's extension implements the host's very interface. */
    private static final String API_PACKAGE = "dev.mallkit.api.";

    private final ClassLoader hostLoader;

    IsolatedPluginManager(Path root, ClassLoader hostLoader) {
        super(root);
        this.hostLoader = hostLoader;
    }

    // the host decides the mode; a stray -Dpf4j.mode=development must not switch to target/classes loading
    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this) {
            @Override
            protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                return new ApiSharingClassLoader(IsolatedPluginManager.this, descriptor, hostLoader);
            }
        };
    }

    /**
     * Plugin first for the plugin's own classes; {@code java.*}, {@code org.pf4j.*} (PF4J's rule) and
     * the Mallkit API always from the host, even when a jar bundles its own copy of the API.
     */
    private static final class ApiSharingClassLoader extends PluginClassLoader {
        static {
            registerAsParallelCapable();
        }

        ApiSharingClassLoader(IsolatedPluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
            super(manager, descriptor, parent);
        }

        // only the plugin's own index: an extensions.idx on the host's class path must not be
        // attributed to this plugin
        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return LegacyExtensionFinder.EXTENSIONS_RESOURCE.equals(name) ? findResources(name) : super.getResources(name);
        }

        @Override
        protected boolean shouldDelegateToParent(String className) {
            return className.startsWith(API_PACKAGE) || super.shouldDelegateToParent(className);
        }
    }
}
