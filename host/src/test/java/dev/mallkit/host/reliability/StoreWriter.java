package dev.mallkit.host.reliability;

import dev.mallkit.host.testing.TestHost.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A steady write load: threads creating stores with unique ids, each outcome recorded with its timing,
 * so a test can tell acknowledged writes from failed ones and measure the error window.
 */
final class StoreWriter implements AutoCloseable {
    /** One call: the store id, its status (-1 when the connection failed) and when it started and ended. */
    record Outcome(String storeId, int status, long startNanos, long endNanos) {
        boolean acknowledged() {
            return status == 201;
        }
    }

    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sequence = new AtomicInteger();
    private final ExecutorService pool;

    /** Starts {@code threads} writers calling {@code create(storeId, name)}. */
    StoreWriter(int threads, String prefix, BiFunction<String, String, Response> create) {
        pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (running.get()) {
                    String id = prefix + sequence.incrementAndGet();
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = create.apply(id, "Store " + id).status();
                    } catch (RuntimeException e) {
                        status = -1;
                    }
                    outcomes.add(new Outcome(id, status, start, System.nanoTime()));
                    // paced below the default rate limit (200/s per caller) with 4 threads; a little more on errors
                    Thread.sleep(status == 201 ? 25 : 50);
                }
                return null;
            });
        }
    }

    List<Outcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    @Override
    public void close() {
        running.set(false);
        pool.close();
    }
}
