package dev.mallkit.host.js;

import static java.util.Objects.requireNonNull;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
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
 * reused across contexts (never guest objects: each context has its own realm), plus the watchdog thread that
 * enforces time and memory budgets. Creates sandboxes
 * with the {@link SandboxPolicy#CONSTRAINED} policy: no host access, no I/O, no threads, no native
 * access, no environment, no process creation. The engine itself (Truffle's runtime, a second of CPU on a
 * cold JVM) is built with the first sandbox, so a host whose stores run no JavaScript never builds it.
 */
public final class JsEngine implements AutoCloseable {

    /** No host object mappings at all: arguments cross as JSON text. */
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static final HostAccess NO_HOST_ACCESS = HostAccess.newBuilder().allowMutableTargetMappings().build();

    /**
     * Every source counts against the statement limit, the bootstrap's too (a few dozen statements a call): a filter by
     * name let a plugin run uncounted code under the bootstrap's name ({@code //# sourceURL=} in {@code eval}), and a
     * shared engine allows one filter for all its contexts, so none could tell the bootstrap by identity.
     */
    private static final Predicate<Source> EVERY_SOURCE = null;

    /** Idle sandboxes kept across every plugin version and store: with {@link JsLimits#sandboxMemory()}, what idle sandboxes can retain. */
    static final int MAX_IDLE_SANDBOXES = 256;

    private final JsLimits limits;
    private volatile Engine engine;
    private boolean closed;
    private final Source bootstrap;
    private final JsWatchdog watchdog;
    private final AtomicInteger idleSandboxes = new AtomicInteger();
    /** Runs guest code for callers on virtual threads: a bounded set of platform threads, made on first use. */
    private volatile ExecutorService platformThreads;

    /** @param limits the budget of every call on this engine */
    public JsEngine(JsLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
        this.bootstrap = Source.newBuilder("js", JsBootstrap.SCRIPT, JsBootstrap.SOURCE_NAME).buildLiteral();
        this.watchdog = new JsWatchdog(limits.timeBudget());
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM cannot measure the bytes a thread allocates: JavaScript plugins would have no memory bound");
        }
        THREADS.setThreadAllocatedMemoryEnabled(true);
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

    /** @return whether an idle sandbox may be kept; a caller that got true gives the slot back with {@link #releaseIdleSlot} */
    boolean reserveIdleSlot() {
        return idleSandboxes.getAndUpdate(n -> n < MAX_IDLE_SANDBOXES ? n + 1 : n) < MAX_IDLE_SANDBOXES;
    }

    void releaseIdleSlot() {
        idleSandboxes.decrementAndGet();
    }

    /**
     * Runs {@code action} on one of the engine's platform threads and waits for it: guest code on a virtual thread pins
     * its carrier for the whole call, and the allocation of a virtual thread cannot be measured.
     */
    <T> T onPlatformThread(Supplier<T> action) {
        Future<T> result = platformThreads().submit(action::get);
        try {
            // the call is bounded by its own budgets; abandoning it would leave its sandbox in use by another thread
            return Uninterruptibly.get(result);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private ExecutorService platformThreads() {
        ExecutorService threads = platformThreads;
        if (threads != null) {
            return threads;
        }
        synchronized (this) {
            if (platformThreads == null) {
                int size = Math.max(2, Runtime.getRuntime().availableProcessors());
                platformThreads = Executors.newFixedThreadPool(size, Thread.ofPlatform().daemon().name("mallkit-js-", 0).factory());
            }
            return platformThreads;
        }
    }

    /**
     * Closes a cancelled sandbox's context on a thread of its own: closing waits until the guest has left, and the
     * watchdog that cancels must never wait. A virtual thread runs no guest code here, it only waits.
     */
    void closeLater(Runnable close) {
        Thread.ofVirtual().name("mallkit-js-cancel").start(close);
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
                .resourceLimits(ResourceLimits.newBuilder().statementLimit(limits.statementLimit(), EVERY_SOURCE).build())
                .option("js.esm-eval-returns-exports", "true")
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.graal-builtin", "false")
                .build();
    }

    @Override
    public void close() {
        watchdog.close();
        ExecutorService threads = platformThreads;
        if (threads != null) {
            threads.shutdownNow();
        }
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
