package dev.mallkit.marketplace.conformance;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * The parent of a plugin under review: the JDK's platform modules, plus plugin-api and pf4j from
 * the marketplace. Nothing else of the marketplace (Jackson, ASM, the test kit) is visible.
 */
final class ApiOnlyClassLoader extends ClassLoader {
    private static final String[] SHARED = {"dev.mallkit.api.", "org.pf4j."};

    private final ClassLoader shared = ApiOnlyClassLoader.class.getClassLoader();

    ApiOnlyClassLoader() {
        super("mallkit-api-only", ClassLoader.getPlatformClassLoader());
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
