package dev.mallkit.host.js;

import static java.util.Objects.requireNonNull;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.host.runtime.LoadedPlugin;
import java.util.Map;
import java.util.Optional;

/**
 * A JavaScript plugin version loaded into the shared engine: its descriptor, its sandbox pool and
 * one adapter per extension point it declares. Every store running this version shares the pool.
 */
public final class JsPlugin implements LoadedPlugin {

    private final JsPackage pkg;
    private final JsContextPool pool;
    private final Map<Class<? extends MallkitExtension>, MallkitExtension> extensions;

    JsPlugin(JsPackage pkg, JsContextPool pool, Map<Class<? extends MallkitExtension>, MallkitExtension> extensions) {
        this.pkg = requireNonNull(pkg, "pkg is null");
        this.pool = requireNonNull(pool, "pool is null");
        this.extensions = Map.copyOf(extensions);
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
        return Tier.JAVASCRIPT;
    }

    @Override
    public <T extends MallkitExtension> Optional<T> extension(Class<T> point) {
        return Optional.ofNullable(extensions.get(point)).map(point::cast);
    }

    /** @return how many sandbox contexts this version has created so far (pool reuse shows as a small number) */
    public long contextsCreated() {
        return pool.created();
    }

    @Override
    public void close() {
        pool.close();
    }
}
