package dev.mallkit.host.js;

import dev.mallkit.host.isolation.BubblewrapJail;
import dev.mallkit.host.isolation.ChildClassPath;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Starts {@linkplain JsWorkerMain JavaScript worker processes}: a JVM with a bounded heap that exits when the heap
 * runs out, started with an empty environment and no host secret in its arguments, inside a {@link BubblewrapJail}
 * where this machine allows one (no network, no host files beyond the JDK and the class path, no new processes).
 * A worker inherits the host's runtime compilation flags, so guest code runs compiled in it when it does in the host.
 * The workers' sockets live in a directory only this user can enter, bound read-only into each jail.
 */
final class JsWorkerLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(JsWorkerLauncher.class);
    /** {@code -XX:+ExitOnOutOfMemoryError} exits with this status. */
    static final int OUT_OF_MEMORY = 3;

    private final JsLimits limits;
    private final int heapMiB;
    private final Path javaHome;
    private final BubblewrapJail.Limits jailLimits;
    /** Found at the first start (probing takes a JVM start), so a host whose stores run no JavaScript never probes. */
    private volatile Optional<BubblewrapJail> jail;
    private final List<Path> classPath;
    private final List<Path> modulePath;
    private final List<String> jvmOptions;
    private final Path sockets;
    /**
     * Starts every worker process. bubblewrap's {@code --die-with-parent} ends the jail when the thread that started it
     * ends, not the process: a worker must be started by a thread that lives as long as the host.
     */
    private final ExecutorService spawner = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("mallkit-js-spawner").factory());

    private JsWorkerLauncher(JsLimits limits, int heapMiB, List<Path> privateRoots) throws IOException {
        this.limits = requireNonNull(limits, "limits is null");
        this.heapMiB = heapMiB;
        this.javaHome = Path.of(System.getProperty("java.home"));
        this.classPath = ChildClassPath.of(System.getProperty("java.class.path"), privateRoots);
        List<String> compilation = compilationOptions();
        this.modulePath = compilation.stream().filter(option -> option.startsWith("--upgrade-module-path="))
                .flatMap(option -> List.of(option.substring(option.indexOf('=') + 1).split(File.pathSeparator)).stream())
                .map(entry -> Path.of(entry).toAbsolutePath().normalize()).toList();
        this.jvmOptions = jvmOptions(heapMiB, compilation);
        // no CPU cap on a long-lived process (the time budget bounds each call); room for the compiler's reservations; the
        // host's priority, since a store's request waits for its worker
        this.jailLimits = new BubblewrapJail.Limits(0, heapMiB + 3584, 16, 0);
        this.sockets = Files.createTempDirectory("mallkit-js-workers");
        sockets.toFile().deleteOnExit();
    }

    private Optional<BubblewrapJail> jail() {
        Optional<BubblewrapJail> found = jail;
        if (found != null) {
            return found;
        }
        synchronized (this) {
            if (jail == null) {
                jail = BubblewrapJail.find(javaHome, jailLimits, jvmOptions);
                if (jail.isEmpty()) {
                    LOG.warn("bubblewrap (bwrap) is missing or may not create namespaces here: JavaScript workers run as plain processes "
                            + "(own heap, empty environment) without the jail (docs/marketplace.md, Review isolation)");
                }
            }
            return jail;
        }
    }

    /**
     * @param heapMiB      each worker's {@code -Xmx}: the most one store's sandboxes of one plugin version can hold
     * @param privateRoots the host's private directories (data, keys, plugins): never on a worker's class path
     */
    static JsWorkerLauncher create(JsLimits limits, int heapMiB, List<Path> privateRoots) {
        if (heapMiB < 64) {
            throw new IllegalArgumentException("a JavaScript worker needs at least 64 MiB of heap: " + heapMiB);
        }
        try {
            return new JsWorkerLauncher(limits, heapMiB, privateRoots);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot make the JavaScript workers' socket directory", e);
        }
    }

    /** The host's JVMCI flags, when it runs guest code compiled. */
    private static List<String> compilationOptions() {
        List<String> host = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!host.contains("-XX:+EnableJVMCI")) {
            return List.of();
        }
        List<String> options = new ArrayList<>(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI"));
        host.stream().filter(option -> option.startsWith("--upgrade-module-path=")).forEach(options::add);
        return options;
    }

    private static List<String> jvmOptions(int heapMiB, List<String> compilation) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heapMiB + "m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
                "-XX:MaxMetaspaceSize=256m", "-XX:CompressedClassSpaceSize=256m", "-XX:ReservedCodeCacheSize=128m",
                "-XX:MaxDirectMemorySize=32m", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED"));
        options.addAll(compilation);
        return options;
    }

    /** @return {@code jail} or {@code process} once the first worker started, {@code pending} before */
    String isolation() {
        Optional<BubblewrapJail> found = jail;
        return found == null ? "pending" : found.isPresent() ? "jail" : "process";
    }

    /** @return whether guest code runs compiled in the workers */
    boolean compiled() {
        return !modulePath.isEmpty();
    }

    int heapMiB() {
        return heapMiB;
    }

    JsLimits limits() {
        return limits;
    }

    /** @return where the worker numbered {@code n} connects */
    Path socket(long n) {
        return sockets.resolve("w" + n + ".sock");
    }

    /** Starts a worker that will connect to {@code socket}. */
    Process start(Path socket) throws IOException {
        Optional<BubblewrapJail> jail = jail();
        List<String> program = new ArrayList<>(List.of(jail.map(BubblewrapJail::java)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java")).toString()));
        program.addAll(jvmOptions);
        program.addAll(List.of("-Djava.io.tmpdir=/tmp", "-Dpolyglot.engine.WarnInterpreterOnly=false",
                "-cp", String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()),
                JsWorkerMain.class.getName(), socket.toString()));
        program.addAll(limits.asArguments());
        ProcessBuilder builder;
        if (jail.isPresent()) {
            List<Path> readOnly = new ArrayList<>(classPath);
            readOnly.addAll(modulePath);
            readOnly.add(sockets);
            builder = jail.get().process(null, readOnly, jailLimits, program);
        } else {
            builder = new ProcessBuilder(program);
            builder.environment().clear();
        }
        // what a worker prints is the guest's or the JVM's, never for the host's log
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        Future<Process> started = spawner.submit(builder::start);
        try {
            return Uninterruptibly.get(started);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
