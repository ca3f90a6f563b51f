package dev.mallkit.marketplace.conformance;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * The parent of a plugin's class loader, at review and in a host: the JDK's platform modules, plus
 * plugin-api and pf4j from the loader that has them. Nothing else of the host or the marketplace
 * (its own classes, Vert.x, Jackson, JDBC drivers, ASM, the test kit) can be named or loaded by a plugin,
 * so a plugin that links against a host class fails to load instead of reaching the host's objects.
 */
public final class ApiOnlyClassLoader extends ClassLoader {
    private static final String[] SHARED = {"dev.mallkit.api.", "org.pf4j."};

    private final ClassLoader shared;

    /** The API and PF4J as this class's own loader sees them. */
    public ApiOnlyClassLoader() {
        this(ApiOnlyClassLoader.class.getClassLoader());
    }

    /** @param shared the loader that defines plugin-api and pf4j for the whole host */
    public ApiOnlyClassLoader(ClassLoader shared) {
        super("mallkit-api-only", ClassLoader.getPlatformClassLoader());
        this.shared = shared;
    }

    static {
        registerAsParallelCapable();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return shared.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return isShared(name.replace('/', '.')) ? shared.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return isShared(name.replace('/', '.')) ? shared.getResources(name) : super.getResources(name);
    }

    private static boolean isShared(String name) {
        for (String prefix : SHARED) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
