package dev.mallkit.host.js;

import static java.util.Objects.requireNonNull;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.host.runtime.LoadedPlugin;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JavaScript plugin version loaded into the shared engine: its descriptor, its sandboxes and one adapter per
 * extension point it declares. Each store running this version has sandboxes of its own ({@link JsSandboxes}).
 * The first sandbox exists once the version is warm: at load, or for a {@linkplain JsPluginLoader#loadReviewed
 * reviewed} package at the first extension lookup, which stores make off the event loop while resolving
 * their mix and outside any call's time budget.
 */
public final class JsPlugin implements LoadedPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(JsPlugin.class);

    private final JsPackage pkg;
    private final JsRunner sandboxes;
    private final Map<Class<? extends MallkitExtension>, MallkitExtension> extensions;
    private final List<String> required;
    private volatile boolean warm;

    JsPlugin(JsPackage pkg, JsRunner sandboxes, Map<Class<? extends MallkitExtension>, MallkitExtension> extensions, List<String> required) {
        this.pkg = requireNonNull(pkg, "pkg is null");
        this.sandboxes = requireNonNull(sandboxes, "sandboxes is null");
        this.extensions = Map.copyOf(extensions);
        this.required = List.copyOf(required);
    }

    /**
     * Creates the first sandbox, checking the module evaluates and exports every function its extension
     * points require; concurrent callers wait for the one warm-up.
     *
     * @throws JsPackageException naming the file and line of the first problem
     */
    synchronized void warmUp() {
        if (warm) {
            return;
        }
        List<String> missing = sandboxes.warmUp(required);
        if (!missing.isEmpty()) {
            throw new JsPackageException(JsPackage.MODULE, 0, "does not export " + String.join(", ", missing)
                    + " required by " + String.join(", ", pkg.descriptor().extensionPoints()));
        }
        warm = true;
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
        MallkitExtension extension = extensions.get(point);
        if (extension != null && !warm) {
            warmQuietly();
        }
        return Optional.ofNullable(extension).map(point::cast);
    }

    /** A reviewed package that fails here is left cold: its calls fail under the guard, and the next lookup retries. */
    private void warmQuietly() {
        try {
            warmUp();
        } catch (RuntimeException e) {
            LOG.warn("javascript plugin {} {} could not create its first sandbox: {}", pkg.descriptor().id(), pkg.descriptor().version(),
                    e.getMessage());
        }
    }

    /** @return how many sandbox contexts this version has created so far (reuse shows as a number far below the calls made; one per store at least) */
    public long contextsCreated() {
        return sandboxes.created();
    }

    @Override
    public void close() {
        sandboxes.close();
    }
}
