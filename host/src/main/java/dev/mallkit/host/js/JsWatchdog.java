package dev.mallkit.host.js;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Enforces time and memory budgets by scanning every live sandbox every {@link #period()}, instead of
 * a timer scheduled and cancelled per call (a priority-queue insert, a removal and a lock each time, a tenth of
 * a warm call in the profile). A call only writes its deadline when it starts and clears it when it ends;
 * a call still running past its deadline, or past its memory budget, is cancelled at most one period late. The scan
 * never blocks on a sandbox: cancelling one closes its context on another thread.
 */
final class JsWatchdog implements AutoCloseable {

    private static final Duration MIN_PERIOD = Duration.ofMillis(1);
    private static final Duration MAX_PERIOD = Duration.ofMillis(10);

    private final Set<JsSandbox> live = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor scanner;
    private final Duration period;
    private boolean started;

    /** @param budget the per-call budget; the scan period is a hundredth of it, between 1 and 10 ms */
    JsWatchdog(Duration budget) {
        Duration hundredth = budget.dividedBy(100);
        this.period = hundredth.compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : hundredth.compareTo(MAX_PERIOD) > 0 ? MAX_PERIOD : hundredth;
        this.scanner = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("mallkit-js-watchdog").factory());
    }

    /** @return how late past its deadline a call may be cancelled */
    Duration period() {
        return period;
    }

    /** Starts watching a sandbox's deadlines, until {@link #forget}. */
    void watch(JsSandbox sandbox) {
        live.add(sandbox);
        if (!started) {
            start();
        }
    }

    /** A host whose stores run no JavaScript never wakes the scanner. */
    private synchronized void start() {
        if (!started && !scanner.isShutdown()) {
            scanner.scheduleWithFixedDelay(this::scan, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
            started = true;
        }
    }

    void forget(JsSandbox sandbox) {
        live.remove(sandbox);
    }

    /** @return how many sandboxes are watched: every open one, idle or running */
    int watched() {
        return live.size();
    }

    private void scan() {
        long now = System.nanoTime();
        for (JsSandbox sandbox : live) {
            try {
                sandbox.enforce(now);
            } catch (RuntimeException e) {
                // an exception escaping would end the periodic scan for every sandbox; the next scan retries this one
            }
        }
    }

    @Override
    public synchronized void close() {
        scanner.shutdownNow();
    }
}
