package dev.mallkit.host.js;

import static java.util.Objects.requireNonNull;

import java.io.OutputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * access, no environment, no process creation.
 */
public final class JsEngine implements AutoCloseable {

    /** No host object mappings at all: arguments cross as JSON text. */
    private static final HostAccess NO_HOST_ACCESS = HostAccess.newBuilder().allowMutableTargetMappings().build();

    /** Only the plugin's statements count against its budget, not the host's bootstrap. One instance: contexts of an engine must share it. */
    private static final Predicate<Source> PLUGIN_SOURCES = source -> !JsBootstrap.SOURCE_NAME.equals(source.getName());

    private final Engine engine;
    private final JsLimits limits;
    private final Source bootstrap;
    private final ScheduledExecutorService watchdog;

    /** @param limits the budget of every call on this engine */
    public JsEngine(JsLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
        this.engine = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                // running interpreted is a supported mode (see mode()), not something to warn about
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        this.bootstrap = Source.newBuilder("js", JsBootstrap.SCRIPT, JsBootstrap.SOURCE_NAME).buildLiteral();
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("mallkit-js-watchdog").factory());
        // a call cancels its timer when it ends; left queued until the budget elapses, each timer would
        // keep its sandbox (and a closed context) reachable for the whole budget
        timers.setRemoveOnCancelPolicy(true);
        this.watchdog = timers;
    }

    /** @return an engine with {@link JsLimits#defaults()} */
    public static JsEngine withDefaults() {
        return new JsEngine(JsLimits.defaults());
    }

    /**
     * @return {@code compiled} when guest code is compiled at run time by the Graal compiler
     *         (JVMCI flags and compiler jars present), otherwise {@code interpreted}
     */
    public String mode() {
        return "Interpreted".equalsIgnoreCase(engine.getImplementationName()) ? "interpreted" : "compiled";
    }

    /** @return the limits every call on this engine runs under */
    public JsLimits limits() {
        return limits;
    }

    ScheduledExecutorService watchdog() {
        return watchdog;
    }

    Source bootstrap() {
        return bootstrap;
    }

    /** A fresh sandboxed context on the shared engine; the caller owns and closes it. */
    Context newContext() {
        return Context.newBuilder("js")
                .engine(engine)
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
        watchdog.shutdownNow();
        engine.close();
    }
}
