package dev.mallkit.host.guard;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallThreadsTest {
    private final CallThreads threads = new CallThreads(Thread.ofPlatform().daemon().name("test-call-", 0), TimeUnit.SECONDS.toNanos(30));

    @AfterEach
    void close() {
        threads.close();
    }

    @Test
    void callsMadeOneAfterAnotherReuseOneThread() throws Exception {
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 1_000; i++) {
            runAndWait(() -> ran.add(Thread.currentThread()));
        }

        assertThat(ran).hasSize(1);
        assertThat(ran.iterator().next().isVirtual()).isFalse();
        assertThat(threads.threadsStarted()).isEqualTo(1);
    }

    @Test
    void aCallArrivingWhileEveryThreadIsBusyGetsANewThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        threads.execute(() -> {
            blocked.countDown();
            await(release);
        });
        blocked.await();

        runAndWait(() -> { });

        assertThat(threads.threadsStarted()).isEqualTo(2);
        release.countDown();
    }

    @Test
    void aParkedThreadIsWokenForTheNextCall() throws Exception {
        runAndWait(() -> { });
        // well past the idle spin: the thread is parked now
        Thread.sleep(50);

        runAndWait(() -> { });

        assertThat(threads.threadsStarted()).isEqualTo(1);
    }

    @Test
    void anInterruptLeftByAnAbandonedCallDoesNotReachTheNextCall() throws Exception {
        runAndWait(() -> Thread.currentThread().interrupt());
        AtomicBoolean interrupted = new AtomicBoolean(true);

        runAndWait(() -> interrupted.set(Thread.currentThread().isInterrupted()));

        assertThat(interrupted).isFalse();
        assertThat(threads.threadsStarted()).isEqualTo(1);
    }

    @Test
    void anIdleThreadEndsAfterItsKeepAliveAndALaterCallStartsAnother() throws Exception {
        try (CallThreads brief = new CallThreads(Thread.ofPlatform().daemon(), TimeUnit.MILLISECONDS.toNanos(20))) {
            AtomicReference<Thread> first = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            brief.execute(() -> {
                first.set(Thread.currentThread());
                done.countDown();
            });
            done.await();
            first.get().join(TimeUnit.SECONDS.toMillis(5));
            assertThat(first.get().isAlive()).isFalse();

            CountDownLatch again = new CountDownLatch(1);
            brief.execute(again::countDown);
            assertThat(again.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(brief.threadsStarted()).isEqualTo(2);
        }
    }

    @Test
    void closingInterruptsRunningCallsAndRefusesNewOnes() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        threads.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        started.await();

        threads.close();

        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> threads.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void manyCallersAtOnceEachGetTheirCallRun() throws Exception {
        int callers = 8;
        int calls = 2_000;
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < callers; c++) {
                pool.submit(() -> {
                    for (int i = 0; i < calls; i++) {
                        runAndWait(ran::incrementAndGet);
                    }
                    return null;
                });
            }
        }

        assertThat(ran).hasValue(callers * calls);
        assertThat(threads.threadsStarted()).isLessThanOrEqualTo(callers);
    }

    private void runAndWait(Runnable call) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        threads.execute(() -> {
            try {
                call.run();
            } finally {
                // as the guard's calls do: the thread is ready for the next call before the caller learns of this one's end
                CallThreads.nextCallMayCome();
                done.countDown();
            }
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
