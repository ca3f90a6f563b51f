package dev.mallkit.marketplace.conformance;

import java.nio.file.Path;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;

/**
 * A throw-away PF4J manager for one plugin under review: jar plugins only, identity from the
 * Mallkit descriptor, and a parent class loader that exposes nothing but the JDK, plugin-api and pf4j.
 */
final class IsolatedPluginManager extends DefaultPluginManager {
    IsolatedPluginManager(Path pluginsRoot) {
        super(pluginsRoot);
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new MallkitDescriptorFinder();
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this) {
            @Override
            protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                return new PluginClassLoader(pluginManager, descriptor, new ApiOnlyClassLoader());
            }
        };
    }

    /** Stops and unloads every plugin one by one over a copy (pf4j#656: stopPlugins() can throw CME). */
    void unloadAll() {
        for (var plugin : java.util.List.copyOf(getPlugins())) {
            try {
                stopPlugin(plugin.getPluginId());
            } finally {
                unloadPlugin(plugin.getPluginId());
            }
        }
    }
}
