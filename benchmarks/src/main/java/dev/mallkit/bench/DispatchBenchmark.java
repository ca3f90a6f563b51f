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
 * bulkhead, breaker, metrics, and the hop to a platform thread). Target: dispatch − direct ≤ 300 ns, median.
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
    public MembershipDecision guarded() throws Exception {
        return mix.snapshot("s1").exclusive(MembershipProgram.class).orElseThrow()
                .call((p, ctx) -> p.onOrder(ctx, StoreFixture.PAID, StoreFixture.MEMBER));
    }
}
