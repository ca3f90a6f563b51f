package dev.mallkit.host.js;

import static java.util.Objects.requireNonNull;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.host.kernel.ExtensionPointSpec;
import dev.mallkit.host.kernel.ExtensionPoints;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.graalvm.polyglot.Source;

/**
 * Loads JavaScript plugin packages into a {@link JsEngine} in this JVM or into {@link JsWorkerPool worker processes}. Loading evaluates the module once in a
 * sandbox, so a syntax error, an unresolvable import or a missing export is refused here with a
 * {@link JsPackageException} naming file and line, rather than at a store's first call. A package the
 * platform already checked that way (reviewed, its bytes verified against the signature) can be
 * {@linkplain #loadReviewed loaded deferred}: a host starting with JavaScript plugins no store uses then
 * creates no context at all.
 */
public final class JsPluginLoader {

    private final ExtensionPoints points;
    private final JsLimits limits;
    private final Function<JsPackage, JsRunner> runners;

    /**
     * @param points the extension points a module may declare, each with its JavaScript adapter
     * @param engine the engine in this JVM that plugins run on: for review processes, workers and tests
     */
    public JsPluginLoader(ExtensionPoints points, JsEngine engine) {
        this.points = requireNonNull(points, "points is null");
        requireNonNull(engine, "engine is null");
        this.limits = engine.limits();
        this.runners = pkg -> new JsSandboxes(engine, Source.newBuilder("js", pkg.script(), JsPackage.MODULE)
                .mimeType("application/javascript+module")
                .buildLiteral());
    }

    /**
     * @param points  the extension points a module may declare, each with its JavaScript adapter
     * @param workers the worker processes plugins run in, each store's sandboxes with a heap of their own: the host's way
     */
    public JsPluginLoader(ExtensionPoints points, JsWorkerPool workers) {
        this.points = requireNonNull(points, "points is null");
        requireNonNull(workers, "workers is null");
        this.limits = workers.limits();
        this.runners = pkg -> new JsWorkerSandboxes(workers, JsPackage.MODULE, pkg.script());
    }

    /** Reads and loads a package from a zip or a directory. */
    public JsPlugin load(Path path) {
        return load(JsPackage.read(path));
    }

    /**
     * Checks a package the way loading does, for marketplace submission, and releases it again: the module's top level
     * runs under the same statement, time and memory limits as a call.
     *
     * @throws JsPackageException naming the file and line of the first problem, or the limit the module's load exceeded
     */
    public void check(Path path) {
        load(path).close();
    }

    /** Loads a package that was already read. */
    public JsPlugin load(JsPackage pkg) {
        JsPlugin plugin = prepare(pkg);
        try {
            plugin.warmUp();
            return plugin;
        } catch (RuntimeException e) {
            plugin.close();
            throw e;
        }
    }

    /**
     * Loads a package whose checks already passed at review without creating a sandbox: the first sandbox
     * is made when a store first looks up one of its extensions ({@link JsPlugin#extension}). A sandbox
     * costs a polyglot context and the bootstrap that freezes its intrinsics, seconds of CPU on a cold JVM
     * plus the runtime compilation it sets off; a restart pays it only for the plugins stores use.
     */
    public JsPlugin loadReviewed(Path path) {
        return prepare(JsPackage.read(path));
    }

    private JsPlugin prepare(JsPackage pkg) {
        JsRunner sandboxes = runners.apply(pkg);
        try {
            Map<Class<? extends MallkitExtension>, MallkitExtension> extensions = new HashMap<>();
            List<String> required = new ArrayList<>();
            for (String name : pkg.descriptor().extensionPoints()) {
                ExtensionPointSpec<?> point = points.named(name)
                        .orElseThrow(() -> new JsPackageException("mallkit-plugin.json", 0, "unknown extension point " + name));
                extensions.put(point.type(), point.javascript().adapter().apply(sandboxes, limits));
                required.addAll(point.javascript().functions());
            }
            return new JsPlugin(pkg, sandboxes, extensions, required);
        } catch (RuntimeException e) {
            sandboxes.close();
            throw e;
        }
    }
}
