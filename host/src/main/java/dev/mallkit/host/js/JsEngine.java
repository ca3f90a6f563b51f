package dev.mallkit.host.js;

import static java.util.Objects.requireNonNull;

import java.io.OutputStream;
import java.util.function.Predicate;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The one GraalVM engine every JavaScript plugin shares, so parsed sources and compiled code are
 * reused across contexts, plus the watchdog thread that enforces time budgets. Creates sandboxes
 * with the {@link SandboxPolicy#CONSTRAINED} policy: no host access, no I/O, no threads, no native
 * access, no environment, no process creation. The engine itself (Truffle's runtime, a second of CPU on a
 * cold JVM) is built with the first sandbox, so a host whose stores run no JavaScript never builds it.
 */
public final class JsEngine implements AutoCloseable {

    /** No host object mappings at all: arguments cross as JSON text. */
    private static final HostAccess NO_HOST_ACCESS = HostAccess.newBuilder().allowMutableTargetMappings().build();

    /** Only the plugin's statements count against its budget, not the host's bootstrap. One instance: contexts of an engine must share it. */
    private static final Predicate<Source> PLUGIN_SOURCES = source -> !JsBootstrap.SOURCE_NAME.equals(source.getName());

    private final JsLimits limits;
    private volatile Engine engine;
    private boolean closed;
    private final Source bootstrap;
    private final JsWatchdog watchdog;

    /** @param limits the budget of every call on this engine */
    public JsEngine(JsLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
        this.bootstrap = Source.newBuilder("js", JsBootstrap.SCRIPT, JsBootstrap.SOURCE_NAME).buildLiteral();
        this.watchdog = new JsWatchdog(limits.timeBudget());
    }

    /** @return an engine with {@link JsLimits#defaults()} */
    public static JsEngine withDefaults() {
        return new JsEngine(JsLimits.defaults());
    }

    /**
     * @return {@code compiled} when guest code is compiled at run time by the Graal compiler
     *         (JVMCI flags and compiler jars present), otherwise {@code interpreted}; builds the engine if no
     *         sandbox has yet, so it may block for a second
     */
    public String mode() {
        return mode(engine());
    }

    /**
     * @return {@link #mode()} once a sandbox has built the engine, {@code idle} before: never blocks, for
     *         {@code /health} on the event loop
     */
    public String currentMode() {
        Engine built = engine;
        return built == null ? "idle" : mode(built);
    }

    private static String mode(Engine engine) {
        return "Interpreted".equalsIgnoreCase(engine.getImplementationName()) ? "interpreted" : "compiled";
    }

    private Engine engine() {
        Engine built = engine;
        if (built != null) {
            return built;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the JavaScript engine has been closed");
            }
            if (engine == null) {
                engine = Engine.newBuilder("js")
                        .sandbox(SandboxPolicy.CONSTRAINED)
                        .out(OutputStream.nullOutputStream())
                        .err(OutputStream.nullOutputStream())
                        // running interpreted is a supported mode (see mode()), not something to warn about
                        .option("engine.WarnInterpreterOnly", "false")
                        .build();
            }
            return engine;
        }
    }

    /** @return the limits every call on this engine runs under */
    public JsLimits limits() {
        return limits;
    }

    JsWatchdog watchdog() {
        return watchdog;
    }

    Source bootstrap() {
        return bootstrap;
    }

    /** A fresh sandboxed context on the shared engine; the caller owns and closes it. */
    Context newContext() {
        return Context.newBuilder("js")
                .engine(engine())
                .sandbox(SandboxPolicy.CONSTRAINED)
                .allowHostAccess(NO_HOST_ACCESS)
                .allowHostClassLookup(className -> false)
                .allowHostClassLoading(false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .resourceLimits(ResourceLimits.newBuilder().statementLimit(limits.statementLimit(), PLUGIN_SOURCES).build())
                .option("js.esm-eval-returns-exports", "true")
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.graal-builtin", "false")
                .build();
    }

    @Override
    public void close() {
        watchdog.close();
        Engine built;
        synchronized (this) {
            closed = true;
            built = engine;
        }
        if (built != null) {
            built.close();
        }
    }
}
