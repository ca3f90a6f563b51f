package dev.mallkit.bench;

import dev.mallkit.api.PluginContext;
import dev.mallkit.api.membership.MembershipDecision;
import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.host.store.Bound;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
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
 *
 * <p>{@code floor} is the lower bound of any sandboxed call: an empty guest function ({@code () => 0})
 * called through the bare polyglot API ({@code Value.execute}) in a context built with the host's
 * sandbox settings (CONSTRAINED policy, no host access, a statement limit), with no pool, watchdog or
 * value conversion.
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
    private Engine floorEngine;
    private Context floorContext;
    private Value empty;

    @Setup
    public void start() throws Exception {
        host = BenchHost.start(BenchDatabase.h2());
        host.store(host.merchant("m"), "s1", Map.of("js-membership-example", Map.of("pointsPerYuan", 1)));
        Bound<MembershipProgram> bound = host.mallkit().featureMix().snapshot("s1").exclusive(MembershipProgram.class).orElseThrow();
        js = bound.extension();
        context = bound.context();
        floorEngine = Engine.newBuilder("js").sandbox(SandboxPolicy.CONSTRAINED).out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream()).option("engine.WarnInterpreterOnly", "false").build();
        // the settings of JsEngine.newContext
        floorContext = Context.newBuilder("js").engine(floorEngine).sandbox(SandboxPolicy.CONSTRAINED)
                .allowHostAccess(HostAccess.newBuilder().allowMutableTargetMappings().build())
                .allowHostClassLookup(className -> false).allowHostClassLoading(false).allowIO(IOAccess.NONE)
                .allowCreateThread(false).allowCreateProcess(false).allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE).allowPolyglotAccess(PolyglotAccess.NONE)
                .out(OutputStream.nullOutputStream()).err(OutputStream.nullOutputStream())
                .resourceLimits(ResourceLimits.newBuilder().statementLimit(Long.MAX_VALUE / 2, null).build())
                .option("js.graal-builtin", "false")
                .build();
        empty = floorContext.eval("js", "(function () { return 0; })");
        System.out.println("JavaScript mode: " + host.call("GET", "/health", BenchHost.ADMIN_TOKEN, null).getValue("javascript"));
    }

    @TearDown
    public void stop() {
        floorContext.close(true);
        floorEngine.close();
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

    @Benchmark
    public int floor() {
        return empty.execute().asInt();
    }
}
