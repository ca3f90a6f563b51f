package dev.mallkit.bench;

import dev.mallkit.api.PluginContext;
import dev.mallkit.api.membership.MembershipDecision;
import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.host.store.Bound;
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
 * A warm JavaScript extension call ({@code js-membership-example}'s {@code onOrder}, through the host's
 * sandboxed context pool and value conversion) against {@link JavaMirrorProgram}, the same logic in Java,
 * with the same store context. Runs with runtime compilation when the JVM has the JVMCI flags (exec:exec
 * passes them and JMH forks inherit them). Target: js ≤ 5 × java.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
public class JsVsJavaBenchmark {
    private BenchHost host;
    private MembershipProgram js;
    private final MembershipProgram java = new JavaMirrorProgram();
    private PluginContext context;

    @Setup
    public void start() throws Exception {
        host = BenchHost.start(BenchDatabase.h2());
        host.store(host.merchant("m"), "s1", Map.of("js-membership-example", Map.of("pointsPerYuan", 1)));
        Bound<MembershipProgram> bound = host.mallkit().featureMix().snapshot("s1").exclusive(MembershipProgram.class).orElseThrow();
        js = bound.extension();
        context = bound.context();
        System.out.println("JavaScript mode: " + host.call("GET", "/health", BenchHost.ADMIN_TOKEN, null).getValue("javascript"));
    }

    @TearDown
    public void stop() {
        host.close();
    }

    @Benchmark
    public MembershipDecision java() {
        return java.onOrder(context, StoreFixture.PAID, StoreFixture.MEMBER);
    }

    @Benchmark
    public MembershipDecision js() {
        return js.onOrder(context, StoreFixture.PAID, StoreFixture.MEMBER);
    }
}
