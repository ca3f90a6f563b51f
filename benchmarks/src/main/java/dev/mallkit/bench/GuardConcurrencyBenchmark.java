package dev.mallkit.bench;

import dev.mallkit.host.guard.GuardKey;
import dev.mallkit.host.guard.GuardPolicy;
import dev.mallkit.host.guard.GuardedInvoker;
import dev.mallkit.host.guard.PluginMetrics;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Guarded calls of a no-op plugin call from 8 threads at once (more callers than cores, as under a request
 * load), each thread on a key of its own: the guard's throughput when every call is a hand-off and callers
 * contend for the cores. Complements {@code DispatchBenchmark.guarded} (one caller, latency).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(8)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GuardConcurrencyBenchmark {
    private final AtomicInteger callers = new AtomicInteger();
    private GuardedInvoker guard;

    /** Each benchmark thread's own key. */
    @State(Scope.Thread)
    public static class Caller {
        GuardKey key;

        @Setup
        public void name(GuardConcurrencyBenchmark bench) {
            key = new GuardKey("noop", "1", "store-" + bench.callers.incrementAndGet());
        }
    }

    @Setup
    public void start() {
        guard = new GuardedInvoker(GuardPolicy.DEFAULT, new PluginMetrics());
    }

    @TearDown
    public void stop() {
        guard.close();
    }

    @Benchmark
    public Integer guarded(Caller caller) {
        return guard.call(caller.key, () -> 1);
    }
}
