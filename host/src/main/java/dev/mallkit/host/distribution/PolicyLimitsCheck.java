package dev.mallkit.host.distribution;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.distribution.CommissionLimits;
import dev.mallkit.api.distribution.DistributionScheme;
import dev.mallkit.host.store.Candidate;
import dev.mallkit.host.store.EnableCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Distribution's rule for enabling a scheme: the most it could pay (its {@link DistributionScheme#limits}) stays
 * within the platform's policy, in levels and in total rate, so a store cannot be configured to pay more than the
 * platform allows.
 */
final class PolicyLimitsCheck implements EnableCheck {

    @Override
    public List<ConfigProblem> check(Connection c, Candidate candidate) throws SQLException {
        Optional<CommissionLimits> asked = candidate.ask(DistributionScheme.class, scheme -> scheme.limits(candidate.config()));
        if (asked.isEmpty()) {
            return List.of();
        }
        CommissionLimits limits = asked.get();
        DistributionPolicy policy = DistributionPolicy.load(c);
        List<ConfigProblem> problems = new ArrayList<>();
        if (limits.levels() > policy.maxLevels()) {
            problems.add(new ConfigProblem("$", "pays " + limits.levels() + " commission levels; the platform allows at most "
                    + policy.maxLevels()));
        }
        if (limits.totalRate().value() > policy.maxTotalRateBps()) {
            problems.add(new ConfigProblem("$", "pays up to " + limits.totalRate().value()
                    + " bp of an order in total; the platform allows at most " + policy.maxTotalRateBps() + " bp"));
        }
        return problems;
    }
}
