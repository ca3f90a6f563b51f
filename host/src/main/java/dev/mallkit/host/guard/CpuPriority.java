package dev.mallkit.host.guard;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling priority (nice value) of single OS threads, through Linux's {@code gettid} and
 * {@code setpriority(PRIO_PROCESS, tid, nice)}. Java cannot stop a thread that ignores interrupts, but it
 * can make the kernel run it last: a plugin call that overran its budget keeps burning a core until it
 * ends, and at nice 19 it gets about 1.5% of a core while threads at nice 0 want the CPU (CFS weights 15
 * and 1024), so other stores keep their latency. Where the calls are unavailable (not Linux, native access
 * denied) {@link #linux()} is empty and the guard runs without demotion.
 */
public final class CpuPriority {
    /** The lowest priority Linux offers an ordinary thread. */
    static final int LOWEST = 19;
    static final int NORMAL = 0;

    private static final Logger LOG = LoggerFactory.getLogger(CpuPriority.class);
    private static final int PRIO_PROCESS = 0;
    private static final Optional<CpuPriority> LINUX = load();

    private final MethodHandle gettid;
    private final MethodHandle setpriority;

    private CpuPriority(MethodHandle gettid, MethodHandle setpriority) {
        this.gettid = gettid;
        this.setpriority = setpriority;
    }

    /**
     * Drops the calling thread to the lowest priority for the rest of its life (raising it back needs a capability):
     * for threads made to do background work that must never compete with requests.
     *
     * @return whether the kernel lowered it
     */
    public static boolean lowerCurrentThread() {
        return LINUX.map(priority -> priority.set(priority.currentThreadId(), LOWEST)).orElse(false);
    }

    /** @return the native calls, when this platform has them */
    static Optional<CpuPriority> linux() {
        return LINUX;
    }

    /** @return the kernel's id of the calling thread */
    int currentThreadId() {
        try {
            return (int) gettid.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("gettid failed", e);
        }
    }

    /**
     * Sets the nice value of thread {@code tid} of this process. Lowering a priority is always allowed;
     * raising it back needs {@code CAP_SYS_NICE} (or a permissive {@code RLIMIT_NICE}).
     *
     * @return whether the kernel accepted it
     */
    boolean set(int tid, int nice) {
        try {
            return (int) setpriority.invokeExact(PRIO_PROCESS, tid, nice) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    private static Optional<CpuPriority> load() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            MethodHandle gettid = linker.downcallHandle(libc.find("gettid").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT));
            MethodHandle setpriority = linker.downcallHandle(libc.find("setpriority").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            CpuPriority priority = new CpuPriority(gettid, setpriority);
            priority.currentThreadId();
            return Optional.of(priority);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("thread priorities unavailable ({}): a plugin call that overruns its budget keeps its full CPU share", e.toString());
            return Optional.empty();
        }
    }
}
