package dev.mallkit.plugins.membershiptiers;

import static java.util.Objects.requireNonNull;

import dev.mallkit.api.BasisPoints;
import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A store's configuration of the tier program. The defaults here are the ones the descriptor's
 * JSON Schema declares; a test keeps the two in step.
 *
 * @param tiers              tiers by ascending {@code minGrowth}
 * @param pointsPerYuan      points earned per full yuan (100 minor units) paid, before the tier multiplier
 * @param pointValueMinor    minor units one point is worth when redeemed
 * @param redeemCapBps       the largest share of an order that points may pay
 * @param pointsValidityDays days until earned points expire; 0 = never
 * @param currency           the redemption currency when the storefront sends no order amount
 */
public record TiersConfig(
        List<Tier> tiers,
        int pointsPerYuan,
        long pointValueMinor,
        int redeemCapBps,
        int pointsValidityDays,
        String currency) {

    static final List<Tier> DEFAULT_TIERS = List.of(
            new Tier("regular", "Regular", 0, 0, 10_000),
            new Tier("silver", "Silver", 100_000, 200, 12_000),
            new Tier("gold", "Gold", 500_000, 500, 15_000));

    public TiersConfig {
        tiers = List.copyOf(requireNonNull(tiers, "tiers is null"));
        requireNonNull(currency, "currency is null");
        if (pointsPerYuan < 0 || pointValueMinor < 0 || pointsValidityDays < 0) {
            throw new IllegalArgumentException("pointsPerYuan, pointValueMinor and pointsValidityDays must not be negative");
        }
        BasisPoints.of(redeemCapBps);
    }

    /** @return the configuration {@code config} describes; fails with {@code CONFIG_INVALID} when it cannot */
    static TiersConfig read(PluginConfig config) {
        try {
            List<Tier> tiers = config.has("tiers")
                    ? tierItems(config).stream().map(Tier::from).toList()
                    : DEFAULT_TIERS;
            return new TiersConfig(
                    tiers,
                    config.getInt("pointsPerYuan", 1),
                    config.getLong("pointValueMinor", 1),
                    config.getInt("redeemCapBps", 5_000),
                    config.getInt("pointsValidityDays", 0),
                    config.getString("currency", "CNY"));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new PluginException(ErrorCategory.USER_ERROR, "CONFIG_INVALID", e.getMessage(), e);
        }
    }

    /** @return what the schema cannot say: thresholds must strictly increase and codes must be unique */
    static List<ConfigProblem> problems(PluginConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Integer> seenCodes = new HashMap<>();
        List<PluginConfig> items = tierItems(config);
        for (int i = 0; i < items.size(); i++) {
            PluginConfig item = items.get(i);
            String code = item.getString("code", "");
            Integer first = seenCodes.putIfAbsent(code, i);
            if (first != null) {
                problems.add(new ConfigProblem("$.tiers[" + i + "].code",
                        "tier code '" + code + "' is already used by tiers[" + first + "]"));
            }
            if (i > 0 && item.getLong("minGrowth", 0) <= items.get(i - 1).getLong("minGrowth", 0)) {
                problems.add(new ConfigProblem("$.tiers[" + i + "].minGrowth",
                        "minGrowth must be greater than that of tiers[" + (i - 1) + "]"));
            }
        }
        return problems;
    }

    private static List<PluginConfig> tierItems(PluginConfig config) {
        return config.getList("tiers").stream()
                .map(item -> item instanceof Map<?, ?> map ? PluginConfig.of(stringKeys(map)) : PluginConfig.empty())
                .toList();
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new HashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
