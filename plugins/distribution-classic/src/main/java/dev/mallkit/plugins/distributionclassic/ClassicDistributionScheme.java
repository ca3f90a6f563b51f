package dev.mallkit.plugins.distributionclassic;

import dev.mallkit.api.BasisPoints;
import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.OrderEvent;
import dev.mallkit.api.OrderEventType;
import dev.mallkit.api.OrderLine;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginContext;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.distribution.BindingDecision;
import dev.mallkit.api.distribution.BindingRequest;
import dev.mallkit.api.distribution.CommissionLimits;
import dev.mallkit.api.distribution.CommissionPlan;
import dev.mallkit.api.distribution.CommissionSplit;
import dev.mallkit.api.distribution.DistributionScheme;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Classic distribution: each upline level earns its rate of every line that carries no excluded
 * tag, or a fixed amount per unit for SKUs with an override; the buyer may earn a self-purchase
 * rate. Splits are summed per level and stay pending for {@code frozenDays}.
 */
@Extension
public final class ClassicDistributionScheme implements DistributionScheme {

    @Override
    public BindingDecision bind(PluginContext ctx, BindingRequest request) {
        ClassicConfig config = ClassicConfig.read(ctx.config()).requireUsable();
        return config.bindingPolicy().decide(request, config);
    }

    @Override
    public CommissionPlan commissions(PluginContext ctx, OrderEvent event, List<String> upline) {
        if (event.type() != OrderEventType.PAID) {
            return CommissionPlan.none();
        }
        ClassicConfig config = ClassicConfig.read(ctx.config()).requireUsable();
        String currency = event.amount().currency();
        int levels = Math.min(upline.size(), config.levels());

        LevelEarning[] earnings = new LevelEarning[levels + 1];
        earnings[0] = new LevelEarning(0, event.memberId(), BasisPoints.of(config.selfPurchaseBps()), currency);
        for (int level = 1; level <= levels; level++) {
            earnings[level] = new LevelEarning(level, upline.get(level - 1), BasisPoints.of(rateAt(config, level)), currency);
        }
        for (OrderLine line : event.lines()) {
            if (!Collections.disjoint(line.tags(), config.excludedTags())) {
                continue;
            }
            if (config.selfPurchaseBps() > 0) {
                earnings[0].addRateOf(line.amount());
            }
            List<Long> override = config.skuOverrides().get(line.sku());
            for (int level = 1; level <= levels; level++) {
                if (override == null) {
                    earnings[level].addRateOf(line.amount());
                } else if (level <= override.size()) {
                    earnings[level].addFixed(override.get(level - 1), line.quantity());
                }
            }
        }
        List<CommissionSplit> splits = Arrays.stream(earnings).map(LevelEarning::split).flatMap(Optional::stream).toList();
        return new CommissionPlan(splits, Duration.ofDays(config.frozenDays()));
    }

    // a level deeper than the rate list is paid only through SKU overrides
    private static int rateAt(ClassicConfig config, int level) {
        return level <= config.levelRatesBps().size() ? config.levelRatesBps().get(level - 1) : 0;
    }

    /**
     * Fixed per-SKU amounts are not rates and cannot be expressed in {@code totalRate}; the levels
     * they reach are counted.
     */
    @Override
    public CommissionLimits limits(PluginConfig config) {
        ClassicConfig classic = ClassicConfig.read(config);
        long total = classic.levelRatesBps().stream().mapToLong(Integer::longValue).sum() + classic.selfPurchaseBps();
        // validate() reports a total above 100 %; the record itself cannot hold more
        return new CommissionLimits(classic.levels(), BasisPoints.of((int) Math.clamp(total, 0, BasisPoints.ONE)));
    }

    @Override
    public List<ConfigProblem> validate(PluginConfig config) {
        try {
            return ClassicConfig.read(config).problems();
        } catch (PluginException e) {
            return List.of(new ConfigProblem("$", e.getMessage()));
        }
    }
}
