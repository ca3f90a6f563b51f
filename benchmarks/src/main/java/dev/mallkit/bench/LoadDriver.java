package dev.mallkit.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import static java.util.Objects.requireNonNull;

/**
 * A closed-loop HTTP/1.1 load generator: {@code connections} keep-alive connections, each with one request
 * in flight, for a warm-up and then a measured period. Latency runs from send to the end of the response
 * body. Closed loop means a slow server also slows the arrival rate (coordinated omission): the
 * percentiles are service times at that concurrency, not latencies under an open arrival rate.
 */
public final class LoadDriver {
    private final Vertx vertx;
    private final int connections;
    private final Duration warmup;
    private final Duration measure;

    /** The result of one measured period. */
    public record Result(String name, long requests, long errors, double seconds, Histogram latency) {
        public Result {
            requireNonNull(name, "name is null");
            requireNonNull(latency, "latency is null");
        }

        public double perSecond() {
            return requests / seconds;
        }

        public double millis(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1_000_000.0;
        }

        @Override
        public String toString() {
            return String.format("%-24s %9.0f req/s  p50 %7.3f ms  p99 %7.3f ms  p99.9 %7.3f ms  max %7.3f ms  (%d requests, %d errors)",
                    name, perSecond(), millis(50), millis(99), millis(99.9), latency.getMaxValue() / 1_000_000.0, requests, errors);
        }
    }

    /** One request: method, URI and an optional JSON body. */
    public record Call(HttpMethod method, String uri, String body) {
        public Call {
            requireNonNull(method, "method is null");
            requireNonNull(uri, "uri is null");
        }

        public static Call get(String uri) {
            return new Call(HttpMethod.GET, uri, null);
        }
    }

    public LoadDriver(Vertx vertx, int connections, Duration warmup, Duration measure) {
        this.vertx = requireNonNull(vertx, "vertx is null");
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be positive: " + connections);
        }
        this.connections = connections;
        this.warmup = requireNonNull(warmup, "warmup is null");
        this.measure = requireNonNull(measure, "measure is null");
    }

    /**
     * Drives requests at {@code port}: {@code calls.apply(n)} is the n-th request; a 2xx answer counts, anything else is an error.
     *
     * @param bearer the Authorization token, or null
     */
    public Result run(String name, int port, LongFunction<Call> calls, String bearer) throws Exception {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                .setDefaultHost("127.0.0.1").setDefaultPort(port), new PoolOptions().setHttp1MaxSize(connections));
        Recorder recorder = new Recorder(3);
        AtomicLong sequence = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long warmEnd = System.nanoTime() + warmup.toNanos();
        long end = warmEnd + measure.toNanos();
        CountDownLatch done = new CountDownLatch(connections);
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> {
            long start = System.nanoTime();
            if (start >= end) {
                done.countDown();
                return;
            }
            Call call = calls.apply(sequence.getAndIncrement());
            RequestOptions options = new RequestOptions().setMethod(call.method()).setURI(call.uri());
            if (bearer != null) {
                options.putHeader("Authorization", "Bearer " + bearer);
            }
            if (call.body() != null) {
                options.putHeader("Content-Type", "application/json");
            }
            client.request(options).compose(req -> (call.body() == null ? req.send() : req.send(call.body()))
                            .compose(resp -> resp.body().map(body -> resp.statusCode())))
                    .onComplete(ar -> {
                        long now = System.nanoTime();
                        if (start >= warmEnd && now < end) {
                            if (ar.succeeded() && ar.result() / 100 == 2) {
                                recorder.recordValue(now - start);
                                completed.incrementAndGet();
                            } else {
                                errors.incrementAndGet();
                            }
                        }
                        loop[0].run();
                    });
        };
        for (int i = 0; i < connections; i++) {
            vertx.runOnContext(v -> loop[0].run());
        }
        done.await(warmup.plus(measure).toSeconds() + 60, TimeUnit.SECONDS);
        client.close().await(10, TimeUnit.SECONDS);
        return new Result(name, completed.get(), errors.get(), measure.toNanos() / 1e9, recorder.getIntervalHistogram());
    }
}
