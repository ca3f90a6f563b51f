package dev.mallkit.bench;

import dev.mallkit.api.membership.MembershipDecision;
import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.api.PluginContext;
import dev.mallkit.host.store.Bound;
import dev.mallkit.host.store.FeatureMix;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Extension dispatch: resolving a store's mix and calling its Java {@code MembershipProgram}, against
 * calling the same extension object directly. {@code dispatch} is the dispatch proper (cached snapshot,
 * exclusive slot lookup, direct invocation); {@code guarded} adds the {@code GuardedInvoker} (budget,
 * bulkhead, breaker, metrics, and the hop to a platform thread); {@code handoff} is the least a hop to another thread
 * costs here (both sides spinning, nothing else). Target: dispatch − direct ≤ 300 ns, median.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DispatchBenchmark {
    private BenchHost host;
    private FeatureMix mix;
    private MembershipProgram program;
    private PluginContext context;

    @Setup
    public void start() throws Exception {
        host = BenchHost.start(BenchDatabase.h2());
        host.store(host.merchant("m"), "s1", Map.of("membership-tiers", Map.of("pointsPerYuan", 1)));
        mix = host.mallkit().featureMix();
        Bound<MembershipProgram> bound = mix.snapshot("s1").exclusive(MembershipProgram.class).orElseThrow();
        program = bound.extension();
        context = bound.context();
    }

    @TearDown
    public void stop() {
        host.close();
    }

    /**
     * The least any hand-off to another thread costs on this machine: a thread that does nothing but spin for the
     * next request, answering it at once, with the caller spinning for the answer (no parking on either side).
     * The guard must hand every call to another thread to enforce its budget, so this bounds its overhead from below.
     */
    @State(Scope.Benchmark)
    public static class PingPong {
        private final java.util.concurrent.atomic.AtomicLong asked = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong answered = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean running = true;
        private Thread peer;

        @Setup
        public void start() {
            peer = Thread.ofPlatform().daemon().start(() -> {
                long seen = 0;
                while (running) {
                    long next = asked.get();
                    if (next != seen) {
                        seen = next;
                        answered.set(next);
                    } else {
                        Thread.onSpinWait();
                    }
                }
            });
        }

        @TearDown
        public void stop() throws InterruptedException {
            running = false;
            peer.join();
        }

        long roundTrip() {
            long n = asked.incrementAndGet();
            while (answered.get() != n) {
                Thread.onSpinWait();
            }
            return n;
        }
    }

    @Benchmark
    public MembershipDecision direct() {
        return program.onOrder(context, StoreFixture.PAID, StoreFixture.MEMBER);
    }

    @Benchmark
    public MembershipDecision dispatch() throws Exception {
        Bound<MembershipProgram> bound = mix.snapshot("s1").exclusive(MembershipProgram.class).orElseThrow();
        return bound.extension().onOrder(bound.context(), StoreFixture.PAID, StoreFixture.MEMBER);
    }

    @Benchmark
    public long handoff(PingPong pingPong) {
        return pingPong.roundTrip();
    }

    @Benchmark
    public MembershipDecision guarded() throws Exception {
        return mix.snapshot("s1").exclusive(MembershipProgram.class).orElseThrow()
                .call((p, ctx) -> p.onOrder(ctx, StoreFixture.PAID, StoreFixture.MEMBER));
    }
}
