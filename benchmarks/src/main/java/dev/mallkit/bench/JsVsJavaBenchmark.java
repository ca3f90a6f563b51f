package dev.mallkit.bench;

import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.PluginStore;
import dev.mallkit.api.membership.MembershipDecision;
import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.host.Mallkit;
import dev.mallkit.host.js.JsEngine;
import dev.mallkit.host.js.JsPlugin;
import dev.mallkit.host.js.JsPluginLoader;
import dev.mallkit.host.store.Bound;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipFile;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
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
 * worker process for the store, its sandboxed context pool and value conversion) against {@link JavaMirrorProgram}, the same logic in Java,
 * with the same store context. Runs with runtime compilation when the JVM has the JVMCI flags (exec:exec
 * passes them and JMH forks inherit them). Target: js ≤ 5 × java.
 *
 * <p>{@code floor} is the lower bound of any sandboxed call: an empty guest function ({@code () => 0})
 * called through the bare polyglot API ({@code Value.execute}) in a context built with the host's
 * sandbox settings (CONSTRAINED policy, no host access, a statement limit), with no pool, watchdog or
 * value conversion. {@code logic} is the plugin's own work: its {@code onOrder} called the same way with
 * arguments built once in the guest (the fixture's values), so nothing crosses but three guest references.
 *
 * <p>{@code jsNewStore} is {@code js} for a store that has not called this plugin version before: each call's
 * context names a new store id (otherwise the same context), so where sandboxes are kept per store every call
 * creates that store's first sandbox (and keeps it, as a host does for each store it serves). Not part of row 6's
 * ratio; run it alone with {@code -Dbench.args=JsVsJavaBenchmark.jsNewStore}, and exclude it from row 6's run with
 * {@code -e jsNewStore}.
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
    private JsEngine inProcessEngine;
    private JsPlugin inProcessPlugin;
    private MembershipProgram jsInProcess;
    private final MembershipProgram java = new JavaMirrorProgram();
    private PluginContext context;
    private Engine floorEngine;
    private Context floorContext;
    private Value empty;
    private Value onOrder;
    private Value args;

    @Setup
    public void start() throws Exception {
        host = BenchHost.start(BenchDatabase.h2());
        String merchant = host.merchant("m");
        String store = null;
        // on a loaded machine enabling the plugin can outrun its budget while its first sandbox is cold: retry on a new store
        for (int attempt = 1; store == null; attempt++) {
            try {
                host.store(merchant, "s" + attempt, Map.of("js-membership-example", Map.of("pointsPerYuan", 1)));
                store = "s" + attempt;
            } catch (IllegalStateException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
        Bound<MembershipProgram> bound = host.mallkit().featureMix().snapshot(store).exclusive(MembershipProgram.class).orElseThrow();
        js = bound.extension();
        context = bound.context();
        inProcessEngine = JsEngine.withDefaults();
        inProcessPlugin = new JsPluginLoader(Mallkit.standardPoints(), inProcessEngine).load(Path.of(System.getProperty("mallkit.plugins.dist", "plugins/target/dist"))
                .resolve("js-membership-example-1.0.0.zip"));
        jsInProcess = inProcessPlugin.extension(MembershipProgram.class).orElseThrow();
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
                .option("js.esm-eval-returns-exports", "true")
                .build();
        empty = floorContext.eval("js", "(function () { return 0; })");
        onOrder = floorContext.eval(Source.newBuilder("js", membershipModule(), "index.mjs").mimeType("application/javascript+module").build())
                .getMember("onOrder");
        args = floorContext.eval("js", """
                [{"storeId":"s1","now":"2026-11-21T10:00:00.123456Z","config":{"pointsPerYuan":1}},
                 {"orderId":"o-1","type":"PAID","seq":1,"memberId":"alice","amount":{"minor":12000,"currency":"CNY"},
                  "lines":[{"sku":"sku-1","quantity":1,"amount":{"minor":12000,"currency":"CNY"},"tags":[]}],"occurredAt":"2026-11-01T00:00:00Z"},
                 {"memberId":"alice","points":500,"growth":2500,"firstSeen":"2026-01-01T00:00:00Z","attributes":{}}]
                """);
        System.out.println("JavaScript mode: " + host.call("GET", "/health", BenchHost.ADMIN_TOKEN, null).getValue("javascript"));
    }

    private static String membershipModule() throws IOException {
        Path dist = Path.of(System.getProperty("mallkit.plugins.dist", "plugins/target/dist"));
        try (ZipFile zip = new ZipFile(dist.resolve("js-membership-example-1.0.0.zip").toFile())) {
            return new String(zip.getInputStream(zip.getEntry("index.mjs")).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @TearDown
    public void stop() {
        floorContext.close(true);
        floorEngine.close();
        inProcessPlugin.close();
        inProcessEngine.close();
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

    /**
     * {@code js} with the sandboxes in this JVM, as before JavaScript moved to worker processes: the same package, adapters
     * and limits on an in-process {@link JsEngine}, the baseline of the workers' cost in the same run.
     */
    @Benchmark
    public MembershipDecision jsInProcess() {
        return jsInProcess.onOrder(context, StoreFixture.PAID, StoreFixture.MEMBER);
    }

    private final AtomicLong newStores = new AtomicLong();

    @Benchmark
    @Warmup(iterations = 3, time = 3)
    public MembershipDecision jsNewStore() {
        return js.onOrder(new OtherStore("new-" + newStores.incrementAndGet(), context), StoreFixture.PAID, StoreFixture.MEMBER);
    }

    /** The benchmark store's context under another store id. */
    private record OtherStore(String storeId, PluginContext of) implements PluginContext {
        @Override
        public PluginConfig config() {
            return of.config();
        }

        @Override
        public Clock clock() {
            return of.clock();
        }

        @Override
        public PluginStore store() {
            return of.store();
        }

        @Override
        public System.Logger logger() {
            return of.logger();
        }
    }

    @Benchmark
    public Value logic() {
        return onOrder.execute(args.getArrayElement(0), args.getArrayElement(1), args.getArrayElement(2));
    }

    @Benchmark
    public int floor() {
        return empty.execute().asInt();
    }
}
