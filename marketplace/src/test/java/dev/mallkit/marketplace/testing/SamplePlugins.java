package dev.mallkit.marketplace.testing;

import java.io.IOException;
import java.nio.file.Path;

/** Sources of small real plugins, compiled into jars by {@link PluginJars}. */
public final class SamplePlugins {
    public static final String FAIR_PROGRAM = """
            package acme;
            import dev.mallkit.api.*;
            import dev.mallkit.api.membership.*;
            import java.util.*;
            @org.pf4j.Extension
            public class FairProgram implements MembershipProgram {
                public MembershipDecision onOrder(PluginContext ctx, OrderEvent event, MemberState member) {
                    long points = event.amount().minor() / 100 * ctx.config().getLong("rate", 1000) / 1000;
                    return new MembershipDecision(points, points, null, Map.of(), "1 pt per yuan");
                }
                public MemberBenefits benefits(PluginContext ctx, MemberState member) {
                    return new MemberBenefits("none", "Member", BasisPoints.of(0), BasisPoints.multiplier(10000), List.of());
                }
                public RedemptionDecision redeem(PluginContext ctx, MemberState member, RedemptionRequest request) {
                    long points = Math.min(request.requestedPoints(), member.points());
                    if (request.orderAmount() != null) {
                        points = Math.min(points, request.orderAmount().minor());
                    }
                    return new RedemptionDecision(points, Money.of(points, "CNY"), "capped");
                }
            }
            """;

    public static final String GREEDY_SCHEME = """
            package acme;
            import dev.mallkit.api.*;
            import dev.mallkit.api.distribution.*;
            import java.util.*;
            @org.pf4j.Extension
            public class GreedyScheme implements DistributionScheme {
                public BindingDecision bind(PluginContext ctx, BindingRequest request) { return BindingDecision.bind("ALWAYS"); }
                public CommissionPlan commissions(PluginContext ctx, OrderEvent event, List<String> upline) {
                    if (upline.isEmpty() || event.amount().minor() < 10) { return CommissionPlan.none(); }
                    return new CommissionPlan(List.of(new CommissionSplit(1, upline.get(0), event.amount().plus(Money.of(1, "CNY")), "all")),
                            java.time.Duration.ofDays(7));
                }
                public CommissionLimits limits(PluginConfig config) { return new CommissionLimits(1, BasisPoints.of(10000)); }
            }
            """;

    /** Parks itself in a JDK-wide map, so its class loader can never be collected. */
    public static final String LEAKY_PROGRAM = FAIR_PROGRAM.replace("public class FairProgram", "public class LeakyProgram")
            .replace("public MemberBenefits benefits(PluginContext ctx, MemberState member) {",
                    "public MemberBenefits benefits(PluginContext ctx, MemberState member) {\n"
                            + "        System.getProperties().put(\"mallkit.test.leak\", this);");

    private SamplePlugins() {
    }

    /** @return a jar of one plugin class with a descriptor declaring {@code points} */
    public static Path jar(Path dir, String id, String className, String source, String... points) throws IOException {
        return PluginJars.in(dir).source(className, source).descriptor(id, "1.0.0", points).build(id + ".jar");
    }
}
