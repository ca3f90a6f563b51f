package dev.mallkit.testkit;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.distribution.DistributionScheme;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.api.membership.MembershipProgram;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The conformance kit the marketplace runs on every Java submission, for providers to run in their
 * own tests first:
 *
 * <pre>{@code
 * Conformance.check(new GoldClubProgram()).assertPassed();
 * }</pre>
 *
 * <p>Every extension point the instance implements is called with sample inputs, twice each, and
 * these invariants must hold: no exception on valid input except a {@code USER_ERROR}
 * {@link dev.mallkit.api.PluginException} (the API's way to refuse); decisions the API's value types
 * accept (negative points, growth, values or splits are {@code INVALID_DECISION}); the same input gives an equal
 * decision; each warm call stays within the time budget; points and growth are never negative;
 * a redemption never debits more than requested nor is worth more than the order; commission
 * splits are positive, in the order's currency, at most one per level, only at levels where an
 * upline exists and to that upline member, and together never above the order amount; jump
 * targets have unique ids.
 */
public final class Conformance {
    /** The default time budget of one warm call. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(200);

    private Conformance() {
    }

    /** @return the report for {@code extension} with an empty configuration and the default budget */
    public static ConformanceReport check(MallkitExtension extension) {
        return check(extension, PluginConfig.empty(), DEFAULT_BUDGET);
    }

    /**
     * @param extension an instance of one or more extension points
     * @param config    the configuration to call it with, schema defaults applied
     * @param budget    the time budget of one warm call
     * @return every violated invariant
     */
    public static ConformanceReport check(MallkitExtension extension, PluginConfig config, Duration budget) {
        requireNonNull(extension, "extension is null");
        requireNonNull(config, "config is null");
        requireNonNull(budget, "budget is null");
        List<Violation> violations = new ArrayList<>();
        List<String> points = new ArrayList<>();
        Supplier<TestContext> contexts = () -> TestContext.forStore("conformance-store").withConfig(config);
        int calls = 0;
        if (extension instanceof MembershipProgram program) {
            calls += run("MembershipProgram", points, budget, violations, extension, config,
                    probe -> MembershipConformance.check(program, contexts, probe));
        }
        if (extension instanceof DistributionScheme scheme) {
            calls += run("DistributionScheme", points, budget, violations, extension, config,
                    probe -> DistributionConformance.check(scheme, config, contexts, probe));
        }
        if (extension instanceof LiveJumpProvider provider) {
            calls += run("LiveJumpProvider", points, budget, violations, extension, config,
                    probe -> LiveJumpConformance.check(provider, contexts, probe));
        }
        if (points.isEmpty()) {
            violations.add(new Violation(extension.getClass().getSimpleName(), "NO_EXTENSION_POINT",
                    "implements none of MembershipProgram, DistributionScheme, LiveJumpProvider"));
        }
        return new ConformanceReport(points, calls, violations);
    }

    private static int run(String point, List<String> points, Duration budget, List<Violation> violations,
                           MallkitExtension extension, PluginConfig config, java.util.function.Consumer<Probe> checks) {
        points.add(point);
        try (Probe probe = new Probe(point, budget, violations)) {
            probe.twice("validate(config)", () -> extension.validate(config));
            checks.accept(probe);
            return probe.calls();
        }
    }
}
