package dev.mallkit.host.marketplace;

import dev.mallkit.host.Mallkit;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.marketplace.review.ReviewReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reviews run at most {@code concurrency} at once; beyond the queue a submission is refused at once, not held. */
class ReviewQueueTest {
    @TempDir
    Path dir;

    @Test
    void aFullQueueRefusesAtOnceWhileTheRunningReviewFinishes() throws Exception {
        try (TestHost host = TestHost.start(DbKind.H2); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Reviewer reviewer = new Reviewer(Mallkit.standardPoints(), dir.resolve("review"), List.of(dir.resolve("data")), 1, 0);
            Path slow = MarketHost.jsZip(dir, "queue-spin", "mallkit", "while (true) {}\nexport function targets() { return []; }");
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<ReviewReport> running = CompletableFuture.supplyAsync(() -> {
                started.countDown();
                try {
                    return reviewer.review(host.mallkit().database().dataSource(), slow, "mallkit");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            started.await();
            Thread.sleep(300);

            long start = System.nanoTime();
            assertThatThrownBy(() -> reviewer.review(host.mallkit().database().dataSource(), slow, "mallkit"))
                    .isInstanceOfSatisfying(HostError.class, e -> assertThat(e.is(ErrorCode.REVIEW_QUEUE_FULL)).isTrue());
            assertThat((System.nanoTime() - start) / 1_000_000).as("refused without waiting, ms").isLessThan(1_000);
            assertThat(running.get().blockingCodes()).containsExactly("JS_INVALID");
            assertThat(reviewer.review(host.mallkit().database().dataSource(), slow, "mallkit").blockingCodes())
                    .as("the queue admits again once the review is done").containsExactly("JS_INVALID");
        }
    }
}
