package dev.mallkit.host.guard;

import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.mallkit.host.guard.PluginUnavailableException.Reason.BULKHEAD_FULL;
import static dev.mallkit.host.guard.PluginUnavailableException.Reason.CIRCUIT_OPEN;
import static dev.mallkit.host.guard.PluginUnavailableException.Reason.FAILED;
import static dev.mallkit.host.guard.PluginUnavailableException.Reason.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardedInvokerTest {
    private static final GuardKey KEY = new GuardKey("acme-points", "1.0.0", "s1");
    private static final GuardKey KEY_B = new GuardKey("acme-banner", "1.0.0", "s1");
    private static final GuardKey KEY_C = new GuardKey("acme-coupon", "2.0.0", "s1");

    private final PluginMetrics metrics = new PluginMetrics();
    private final AtomicLong clock = new AtomicLong(System.nanoTime());
    private final GuardedInvoker invoker = new GuardedInvoker(GuardPolicy.DEFAULT, metrics, clock::get);

    @AfterEach
    void close() {
        invoker.close();
    }

    @Test
    void returnsWhatTheWorkReturns() {
        assertThat(invoker.call(KEY, () -> 42)).isEqualTo(42);
        assertThat(metrics.series("acme-points", "1.0.0").calls()).isEqualTo(1);
    }

    @Test
    void callsMadeOneAfterAnotherRunOnReusedPlatformThreadsAndFindTheirSlotFree() {
        invoker.configure(KEY, new GuardPolicy(Duration.ofSeconds(5), 1, 5, Duration.ofSeconds(30)));
        java.util.Set<Thread> ran = java.util.concurrent.ConcurrentHashMap.newKeySet();

        for (int i = 0; i < 2_000; i++) {
            invoker.call(KEY, () -> ran.add(Thread.currentThread()));
        }

        // with one slot, a caller that had its result and called again at once would get BULKHEAD_FULL
        // if the slot were freed after the result was published
        assertThat(ran).noneMatch(Thread::isVirtual);
        assertThat(ran.size()).as("pooled threads, not one per call").isLessThan(1_000);
        assertThat(metrics.series("acme-points", "1.0.0").rejections()).isZero();
    }

    @Test
    void userErrorPassesThroughUnchangedAndNeverOpensTheBreaker() {
        PluginException refusal = new PluginException(ErrorCategory.USER_ERROR, "CART_TOO_SMALL", "cart too small");

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> invoker.call(KEY, () -> { throw refusal; })).isSameAs(refusal);
        }

        assertThat(invoker.breakerState(KEY)).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(metrics.series("acme-points", "1.0.0").errors()).isZero();
    }

    @Test
    void fiveConsecutiveFailuresOpenTheBreakerWhichThenFailsFastWithoutRunningTheWork() {
        AtomicInteger runs = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> invoker.call(KEY, () -> { runs.incrementAndGet(); throw new IllegalStateException("bug"); }))
                    .isInstanceOfSatisfying(PluginUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(FAILED))
                    .hasCauseInstanceOf(IllegalStateException.class);
        }

        assertThatThrownBy(() -> invoker.call(KEY, runs::incrementAndGet))
                .isInstanceOfSatisfying(PluginUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(CIRCUIT_OPEN));
        assertThat(runs).hasValue(5);
        assertThat(metrics.series("acme-points", "1.0.0").openBreakers()).isEqualTo(1);
        assertThat(invoker.call(new GuardKey("acme-points", "1.0.0", "s2"), () -> "other store still answers")).isNotNull();
    }

    @Test
    void openBreakerLetsOneTrialThroughAfterTheCoolDownAndClosesOnSuccess() {
        openBreaker();
        clock.addAndGet(GuardPolicy.DEFAULT.openDuration().toNanos());

        assertThat(invoker.call(KEY, () -> "recovered")).isEqualTo("recovered");

        assertThat(invoker.breakerState(KEY)).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(metrics.series("acme-points", "1.0.0").openBreakers()).isZero();
    }

    @Test
    void failedTrialOpensTheBreakerAgain() {
        openBreaker();
        clock.addAndGet(GuardPolicy.DEFAULT.openDuration().toNanos());

        assertThatThrownBy(() -> invoker.call(KEY, () -> { throw new IllegalStateException("still broken"); }))
                .isInstanceOf(PluginUnavailableException.class);

        assertThat(invoker.breakerState(KEY)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> invoker.call(KEY, () -> "x"))
                .isInstanceOfSatisfying(PluginUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(CIRCUIT_OPEN));
    }

    @Test
    void eachFailedTrialDoublesTheTimeTheBreakerStaysOpenUpToEightTimes() {
        openBreaker();
        long open = GuardPolicy.DEFAULT.openDuration().toNanos();
        long wait = open;
        for (int trial = 1; trial <= 5; trial++) {
            clock.addAndGet(wait - 1);
            assertThatThrownBy(() -> invoker.call(KEY, () -> "too early"))
                    .isInstanceOfSatisfying(PluginUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(CIRCUIT_OPEN));
            clock.addAndGet(1);
            assertThatThrownBy(() -> invoker.call(KEY, () -> { throw new IllegalStateException("still broken"); }))
                    .isInstanceOfSatisfying(PluginUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(FAILED));
            wait = open * Math.min(1L << trial, CircuitBreaker.MAX_BACKOFF);
        }
        assertThat(wait).isEqualTo(open * 8);

        clock.addAndGet(wait);
        assertThat(invoker.call(KEY, () -> "recovered")).isEqualTo("recovered");
        openBreaker();
        clock.addAndGet(open);
        assertThat(invoker.call(KEY, () -> "a closed breaker forgets its backoff")).isNotNull();
    }

    @Test
    void aMethodThatAlwaysFailsOpensTheBreakerThoughAnotherKeepsAnswering() {
        AtomicInteger failures = new AtomicInteger();
        while (invoker.breakerState(KEY) == CircuitBreaker.State.CLOSED && failures.get() < 100) {
            assertThat(invoker.call(KEY, () -> "benefits answer")).isNotNull();
            assertThatThrownBy(() -> invoker.call(KEY, () -> { failures.incrementAndGet(); throw new IllegalStateException("onOrder bug"); }))
                    .isInstanceOf(PluginUnavailableException.class);
        }

        assertThat(invoker.breakerState(KEY)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(failures).hasValue(CircuitBreaker.WINDOW_FAILURES);
    }

    @Test
    void occasionalFailuresAmongAnswersKeepTheBreakerClosed() {
        for (int i = 0; i < 200; i++) {
            int call = i;
            if (call % 3 == 0) {
                assertThatThrownBy(() -> invoker.call(KEY, () -> { throw new IllegalStateException("flaky"); }));
            } else {
                invoker.call(KEY, () -> "fine");
            }
        }
        assertThat(invoker.breakerState(KEY)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void anExhaustedResourceOpensTheBreakerAtOnce() {
        PluginException exhausted = new PluginException(ErrorCategory.INSUFFICIENT_RESOURCES, "STATEMENT_LIMIT", "too many statements");
        assertThatThrownBy(() -> invoker.call(KEY, () -> { throw exhausted; })).isInstanceOf(PluginUnavailableException.class);

        assertThat(invoker.breakerState(KEY)).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void resettingAStoresBreakersClosesOnlyThatStores() {
        GuardKey other = new GuardKey("acme-points", "1.0.0", "s2");
        openBreaker();
        for (int i = 0; i < GuardPolicy.DEFAULT.failureThreshold(); i++) {
            assertThatThrownBy(() -> invoker.call(other, () -> { throw new IllegalStateException("bug"); }));
        }

        invoker.resetBreakers("s1");

        assertThat(invoker.call(KEY, () -> "fresh start")).isEqualTo("fresh start");
        assertThat(invoker.breakerState(other)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(metrics.series("acme-points", "1.0.0").openBreakers()).isEqualTo(1);
    }

    @Test
    void aCallRunningPastTheDemotionPointDropsToTheLowestCpuPriorityAndLaterCallsRunAtNormalPriority() throws Exception {
        GuardedInvoker realClock = new GuardedInvoker(metrics);
        try {
            int before = realClock.call(KEY, Duration.ofSeconds(5), GuardedInvokerTest::ownNiceValue);
            int during = realClock.call(KEY, Duration.ofSeconds(5), () -> {
                long end = System.nanoTime() + GuardedInvoker.DEMOTE_AFTER.multipliedBy(3).toNanos();
                while (System.nanoTime() < end) {
                    Thread.onSpinWait(); // busy, as a runaway plugin is
                }
                return ownNiceValue();
            });
            int after = realClock.call(KEY, Duration.ofSeconds(5), GuardedInvokerTest::ownNiceValue);

            assertThat(before).isZero();
            assertThat(during).isEqualTo(19);
            assertThat(after).as("the next call, on the same thread or a fresh one").isZero();
        } finally {
            realClock.close();
        }
    }

    @Test
    void demotionCanBeTurnedOff() throws Exception {
        GuardedInvoker never = new GuardedInvoker(GuardPolicy.DEFAULT, metrics, Duration.ZERO);
        try {
            int during = never.call(KEY, Duration.ofSeconds(5), () -> {
                Thread.sleep(GuardedInvoker.DEMOTE_AFTER.multipliedBy(3));
                return ownNiceValue();
            });
            assertThat(during).isZero();
        } finally {
            never.close();
        }
    }

    /** @return the nice value of the calling OS thread, as the kernel reports it (field 19 of its stat line) */
    private static int ownNiceValue() throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    @Test
    void aCallFindingTheBulkheadFullWaitsBrieflyForASlotInsteadOfFailing() throws Exception {
        invoker.configure(KEY, new GuardPolicy(Duration.ofSeconds(5), 1, 5, Duration.ofSeconds(30)));
        CountDownLatch running = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> invoker.call(KEY, () -> {
            running.countDown();
            Thread.sleep(5);
            return "first";
        }));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(invoker.call(KEY, () -> "second")).isEqualTo("second");
        holder.join();
        assertThat(metrics.series("acme-points", "1.0.0").rejections()).isZero();
    }

    @Test
    void callsBeyondTheBulkheadFailFast() throws Exception {
        invoker.configure(KEY, new GuardPolicy(Duration.ofSeconds(5), 2, 5, Duration.ofSeconds(30)));
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            Thread.ofVirtual().start(() -> invoker.call(KEY, () -> { running.countDown(); return release.await(5, TimeUnit.SECONDS); }));
        }
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> invoker.call(KEY, () -> "third"))
                .isInstanceOfSatisfying(PluginUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(BULKHEAD_FULL));
        release.countDown();
        assertThat(metrics.series("acme-points", "1.0.0").rejections()).isEqualTo(1);
    }

    @Test
    void overrunningCallTimesOutWithinBudgetAndIsInterrupted() throws Exception {
        GuardedInvoker realClock = new GuardedInvoker(metrics);
        CountDownLatch interrupted = new CountDownLatch(1);
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> realClock.call(KEY, Duration.ofMillis(200), sleepsUntilInterrupted(interrupted, "late")))
                    .isInstanceOfSatisfying(PluginUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(TIMEOUT));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThanOrEqualTo(Duration.ofMillis(300));
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(metrics.series("acme-points", "1.0.0").timeouts()).isEqualTo(1);
        } finally {
            realClock.close();
        }
    }

    @Test
    void callEachAnswersInOrderEachUnderItsOwnKey() {
        int rounds = 50;
        for (int i = 0; i < rounds; i++) {
            List<GuardedInvoker.Outcome<Thread>> outcomes = invoker.callEach(List.of(
                    new GuardedInvoker.Item<>(KEY, Duration.ofSeconds(5), Thread::currentThread),
                    new GuardedInvoker.Item<>(KEY_B, Duration.ofSeconds(5), Thread::currentThread),
                    new GuardedInvoker.Item<>(KEY_C, Duration.ofSeconds(5), Thread::currentThread)));

            assertThat(outcomes).allSatisfy(o -> assertThat(o.value().isVirtual()).isFalse());
        }

        assertThat(metrics.series("acme-points", "1.0.0").calls()).isEqualTo(rounds);
        assertThat(metrics.series("acme-banner", "1.0.0").calls()).isEqualTo(rounds);
        assertThat(metrics.series("acme-coupon", "2.0.0").calls()).isEqualTo(rounds);
    }

    @Test
    void aHangingCallOfCallEachDelaysNoOther() throws Exception {
        GuardedInvoker realClock = new GuardedInvoker(metrics);
        CountDownLatch interrupted = new CountDownLatch(1);
        try {
            long start = System.nanoTime();
            List<GuardedInvoker.Outcome<Long>> outcomes = realClock.callEach(List.of(
                    new GuardedInvoker.Item<>(KEY, Duration.ofMillis(800), sleepsUntilInterrupted(interrupted, -1L)),
                    new GuardedInvoker.Item<>(KEY_B, Duration.ofSeconds(5), System::nanoTime),
                    new GuardedInvoker.Item<>(KEY_C, Duration.ofSeconds(5), System::nanoTime)));

            assertThat(outcomes.getFirst().failure()).isInstanceOfSatisfying(PluginUnavailableException.class,
                    e -> assertThat(e.reason()).isEqualTo(TIMEOUT));
            for (GuardedInvoker.Outcome<Long> other : outcomes.subList(1, 3)) {
                assertThat(Duration.ofNanos(other.value() - start)).as("answered long before the first call's budget ran out")
                        .isLessThan(Duration.ofMillis(400));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            realClock.close();
        }
    }

    @Test
    void callEachKeepsEachKeysVerdictsApartAndFreesEverySlot() {
        GuardPolicy oneSlot = new GuardPolicy(Duration.ofSeconds(5), 1, 5, Duration.ofSeconds(30));
        invoker.configure(KEY, oneSlot);
        invoker.configure(KEY_B, oneSlot);
        invoker.configure(KEY_C, oneSlot);
        for (int i = 0; i < GuardPolicy.DEFAULT.failureThreshold(); i++) {
            assertThatThrownBy(() -> invoker.call(KEY_C, () -> { throw new IllegalStateException("bug"); }));
        }
        PluginException refusal = new PluginException(ErrorCategory.USER_ERROR, "NOT_LIVE", "room is not live");

        for (int round = 0; round < 500; round++) {
            List<GuardedInvoker.Outcome<String>> outcomes = invoker.callEach(List.of(
                    new GuardedInvoker.Item<>(KEY, Duration.ofSeconds(5), () -> "answer"),
                    new GuardedInvoker.Item<>(KEY_B, Duration.ofSeconds(5), () -> { throw refusal; }),
                    new GuardedInvoker.Item<>(KEY_C, Duration.ofSeconds(5), () -> "never runs")));

            assertThat(outcomes.get(0).value()).isEqualTo("answer");
            assertThat(outcomes.get(1).failure()).isSameAs(refusal);
            assertThat(outcomes.get(2).failure()).isInstanceOfSatisfying(PluginUnavailableException.class,
                    e -> assertThat(e.reason()).isEqualTo(CIRCUIT_OPEN));
        }
        // one slot each: a call that kept its slot after its answer would make the next round wait and fail
        assertThat(metrics.series("acme-points", "1.0.0").rejections()).isZero();
        assertThat(metrics.series("acme-banner", "1.0.0").rejections()).isZero();
        assertThat(invoker.breakerState(KEY_B)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void callEachAfterCloseFailsEveryCallWithoutRunningIt() {
        AtomicInteger runs = new AtomicInteger();
        invoker.close();

        List<GuardedInvoker.Outcome<Integer>> outcomes = invoker.callEach(List.of(
                new GuardedInvoker.Item<>(KEY, Duration.ofSeconds(5), runs::incrementAndGet),
                new GuardedInvoker.Item<>(KEY_B, Duration.ofSeconds(5), runs::incrementAndGet)));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isInstanceOfSatisfying(PluginUnavailableException.class,
                e -> assertThat(e.reason()).isEqualTo(FAILED)));
        assertThat(runs).hasValue(0);
    }

    @Test
    void metricsRenderAsPrometheusText() {
        invoker.call(KEY, () -> 1);
        assertThatThrownBy(() -> invoker.call(KEY, () -> { throw new IllegalStateException(); }));

        String text = metrics.render();

        assertThat(text)
                .contains("# HELP mallkit_plugin_calls_total ")
                .contains("# TYPE mallkit_plugin_calls_total counter\n")
                .contains("mallkit_plugin_calls_total{plugin=\"acme-points\",version=\"1.0.0\"} 2\n")
                .contains("mallkit_plugin_errors_total{plugin=\"acme-points\",version=\"1.0.0\"} 1\n")
                .contains("mallkit_plugin_rejections_total{plugin=\"acme-points\",version=\"1.0.0\",reason=\"circuit_open\"} 0\n")
                .contains("# TYPE mallkit_plugin_open_breakers gauge\n")
                .contains("# TYPE mallkit_plugin_call_duration_seconds histogram\n")
                .contains("mallkit_plugin_call_duration_seconds_bucket{plugin=\"acme-points\",version=\"1.0.0\",le=\"+Inf\"} 2\n")
                .contains("mallkit_plugin_call_duration_seconds_count{plugin=\"acme-points\",version=\"1.0.0\"} 2\n");
        assertThat(text.lines().filter(l -> !l.startsWith("#")))
                .allMatch(l -> l.matches("mallkit_plugin_[a-z_]+\\{[^}]*} [0-9.E+-]+"));
    }

    /** @return work that sleeps 10 s unless interrupted, counting the interruption down, then returns {@code value} */
    private static <T> java.util.concurrent.Callable<T> sleepsUntilInterrupted(CountDownLatch interrupted, T value) {
        return () -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return value;
        };
    }

    private void openBreaker() {
        for (int i = 0; i < GuardPolicy.DEFAULT.failureThreshold(); i++) {
            assertThatThrownBy(() -> invoker.call(KEY, () -> { throw new IllegalStateException("bug"); }));
        }
        assertThat(invoker.breakerState(KEY)).isEqualTo(CircuitBreaker.State.OPEN);
    }
}
