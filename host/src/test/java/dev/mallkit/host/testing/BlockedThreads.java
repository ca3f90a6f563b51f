package dev.mallkit.host.testing;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Vert.x blocked-thread warnings into test failures: {@link TestHost} watches its Vert.x instance and
 * checks on close, so every host integration test fails when its event loop was blocked past the threshold.
 *
 * <p>On a shared 2-core machine the OS can also deschedule a busy event loop for 200 ms. Each warning is
 * therefore classified from the blocked thread itself: it is a defect when the thread waits (not RUNNABLE),
 * when its stack shows blocking I/O (files, blocking sockets, DNS; not Netty's non-blocking channel writes),
 * JDBC, sleeping or parking, or when it burned CPU for most of the time
 * between two warnings of one stretch. A RUNNABLE thread in plain computation that got no CPU is counted
 * as starvation, logged, and not failed; so is the JVM loading a class from a jar on first use (the page
 * cache answers it; a slow one means the machine is overloaded, not that the code blocks).
 */
public final class BlockedThreads {
    private static final Logger LOG = LoggerFactory.getLogger(BlockedThreads.class);
    private static final Pattern BLOCKING_FRAME = Pattern.compile(
            "^(java\\.io\\.|java\\.net\\.|sun\\.nio\\.ch\\.FileChannelImpl|sun\\.nio\\.fs\\.|java\\.nio\\.file\\.|java\\.sql\\.|com\\.mysql\\.|org\\.h2\\.|com\\.zaxxer\\."
                    + "|java\\.lang\\.Thread\\.sleep|java\\.lang\\.Object\\.wait|java\\.util\\.concurrent\\.locks\\.LockSupport\\.park"
                    + "|java\\.util\\.concurrent\\.CompletableFuture\\.get|java\\.util\\.concurrent\\.FutureTask\\.get"
                    + "|io\\.vertx\\.core\\.Future\\.await|dev\\.mallkit\\.host\\.db\\.Database\\.inTransaction)");

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<String> defects = new ArrayList<>();
    private final Map<Long, long[]> lastSample = new HashMap<>();
    private int starved;

    private BlockedThreads() {
    }

    /** Records every blocked-thread event of {@code vertx} (and still logs it, with the stack). */
    public static BlockedThreads watch(Vertx vertx) {
        BlockedThreads watcher = new BlockedThreads();
        ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(watcher::record);
        return watcher;
    }

    private synchronized void record(BlockedThreadEvent event) {
        Thread thread = event.thread();
        StackTraceElement[] stack = thread.getStackTrace();
        Thread.State state = thread.getState();
        long cpu = threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(thread.threadId()) : -1;
        long now = System.nanoTime();
        long[] previous = lastSample.put(thread.threadId(), new long[] {now, cpu, event.duration()});
        // the same stretch when this warning's duration continues the previous one's
        boolean busy = previous != null && cpu >= 0 && event.duration() > previous[2]
                && (cpu - previous[1]) * 2 > now - previous[0];
        boolean blocking = state != Thread.State.RUNNABLE
                || Arrays.stream(stack).limit(12).anyMatch(f -> BLOCKING_FRAME.matcher(f.getClassName() + "." + f.getMethodName()).find());
        String text = "Thread " + thread.getName() + " has been blocked for " + event.duration() / 1_000_000
                + " ms, limit " + event.maxExecTime() / 1_000_000 + " ms, state " + state
                + (busy ? ", on CPU" : "") + Arrays.stream(stack).limit(25).map(e -> "\n\tat " + e).collect(Collectors.joining());
        if (blocking || busy) {
            LOG.warn(text);
            defects.add(text);
        } else {
            starved++;
            LOG.info("not scheduled (machine load), not counted: {}", text);
        }
    }

    /** @return the blocking events recorded so far */
    public synchronized List<String> events() {
        return List.copyOf(defects);
    }

    /** @return warnings explained by the thread not being scheduled */
    public synchronized int starved() {
        return starved;
    }

    /** Fails when any blocking event was recorded. */
    public void assertNone() {
        List<String> seen = events();
        if (!seen.isEmpty()) {
            throw new AssertionError(seen.size() + " blocked-thread warning(s) on the host's event loop:\n"
                    + String.join("\n", seen));
        }
    }
}
