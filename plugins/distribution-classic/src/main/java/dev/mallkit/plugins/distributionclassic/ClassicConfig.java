package dev.mallkit.plugins.distributionclassic;

import static java.util.Objects.requireNonNull;

import dev.mallkit.api.BasisPoints;
import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A store's configuration of the classic scheme, as read; {@link #problems()} says whether it is
 * usable. The defaults here are the ones the descriptor's JSON Schema declares; a test keeps the
 * two in step.
 *
 * @param levelRatesBps         commission rate per upline level, index 0 = level 1
 * @param skuOverrides          per SKU, a fixed amount in minor units per unit sold for level 1, 2, ...; replaces the rates for that SKU
 * @param excludedTags          lines carrying any of these tags earn no commission
 * @param bindingPolicy         when a referral binds
 * @param bindingDays           with {@link BindingPolicy#EXPIRING}: how long a binding protects the member
 * @param registerWindowMinutes with {@link BindingPolicy#REGISTER_ONLY}: how long after first being seen a member may bind
 * @param selfPurchaseBps       commission to the buyer on their own order; 0 = none
 * @param frozenDays            days a commission stays pending before settlement
 */
public record ClassicConfig(
        List<Integer> levelRatesBps,
        Map<String, List<Long>> skuOverrides,
        Set<String> excludedTags,
        BindingPolicy bindingPolicy,
        int bindingDays,
        int registerWindowMinutes,
        int selfPurchaseBps,
        int frozenDays) {

    public ClassicConfig {
        levelRatesBps = List.copyOf(requireNonNull(levelRatesBps, "levelRatesBps is null"));
        Map<String, List<Long>> overrides = new LinkedHashMap<>();
        requireNonNull(skuOverrides, "skuOverrides is null").forEach((sku, amounts) -> overrides.put(sku, List.copyOf(amounts)));
        skuOverrides = Collections.unmodifiableMap(overrides);
        excludedTags = Set.copyOf(requireNonNull(excludedTags, "excludedTags is null"));
        requireNonNull(bindingPolicy, "bindingPolicy is null");
    }

    /** @return the configuration {@code config} describes; fails with {@code CONFIG_INVALID} when a value has the wrong type */
    static ClassicConfig read(PluginConfig config) {
        try {
            List<Integer> rates = config.has("levelRatesBps")
                    ? config.getList("levelRatesBps").stream().map(v -> Math.toIntExact(number(v, "levelRatesBps"))).toList()
                    : List.of(1_000, 500);
            Map<String, List<Long>> overrides = new LinkedHashMap<>();
            config.getObject("skuOverrides").asMap().forEach((sku, amounts) -> overrides.put(sku,
                    amounts instanceof List<?> list ? list.stream().map(v -> number(v, "skuOverrides")).toList() : List.of()));
            Set<String> excluded = config.has("excludedTags")
                    ? new LinkedHashSet<>(config.getList("excludedTags").stream().map(String::valueOf).toList())
                    : Set.of("flash-sale");
            return new ClassicConfig(rates, overrides, excluded,
                    BindingPolicy.valueOf(config.getString("bindingPolicy", "FIRST_TOUCH").toUpperCase(Locale.ROOT)),
                    config.getInt("bindingDays", 30),
                    config.getInt("registerWindowMinutes", 30),
                    config.getInt("selfPurchaseBps", 0),
                    config.getInt("frozenDays", 7));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new PluginException(ErrorCategory.USER_ERROR, "CONFIG_INVALID", e.getMessage(), e);
        }
    }

    private static long number(Object value, String option) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalArgumentException(option + " must hold integers, not " + value);
    }

    /** @return the deepest upline level paid: by a rate or by any SKU override */
    int levels() {
        int longestOverride = skuOverrides.values().stream().mapToInt(List::size).max().orElse(0);
        return Math.max(levelRatesBps.size(), longestOverride);
    }

    /** @return this configuration, or {@code CONFIG_INVALID} naming its first problem */
    ClassicConfig requireUsable() {
        List<ConfigProblem> problems = problems();
        if (!problems.isEmpty()) {
            throw new PluginException(ErrorCategory.USER_ERROR, "CONFIG_INVALID",
                    problems.getFirst().path() + ": " + problems.getFirst().message());
        }
        return this;
    }

    /** @return every reason this configuration cannot be used, with JSON paths */
    List<ConfigProblem> problems() {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < levelRatesBps.size(); i++) {
            requireRate(levelRatesBps.get(i), "$.levelRatesBps[" + i + "]", problems);
        }
        requireRate(selfPurchaseBps, "$.selfPurchaseBps", problems);
        long total = levelRatesBps.stream().mapToLong(Integer::longValue).sum() + selfPurchaseBps;
        if (total > BasisPoints.ONE) {
            problems.add(new ConfigProblem("$.levelRatesBps",
                    "levels and self-purchase together pay " + total + " bp, more than the whole order (10000 bp)"));
        }
        skuOverrides.forEach((sku, amounts) -> {
            for (int i = 0; i < amounts.size(); i++) {
                if (amounts.get(i) < 0) {
                    problems.add(new ConfigProblem(overridePath(sku) + "[" + i + "]", "a fixed commission must not be negative"));
                }
            }
        });
        if (bindingPolicy == BindingPolicy.EXPIRING && bindingDays < 1) {
            problems.add(new ConfigProblem("$.bindingDays", "EXPIRING bindings need bindingDays of at least 1"));
        }
        if (bindingPolicy == BindingPolicy.REGISTER_ONLY && registerWindowMinutes < 1) {
            problems.add(new ConfigProblem("$.registerWindowMinutes", "REGISTER_ONLY bindings need registerWindowMinutes of at least 1"));
        }
        if (frozenDays < 0) {
            problems.add(new ConfigProblem("$.frozenDays", "frozenDays must not be negative"));
        }
        return problems;
    }

    private static void requireRate(int bps, String path, List<ConfigProblem> problems) {
        if (bps < 0 || bps > BasisPoints.ONE) {
            problems.add(new ConfigProblem(path, "a rate must be between 0 and 10000 bp, not " + bps));
        }
    }

    // SKUs are free text: only plain names may use the dot notation of a JSON path
    private static String overridePath(String sku) {
        return sku.matches("[A-Za-z_][A-Za-z0-9_]*")
                ? "$.skuOverrides." + sku
                : "$.skuOverrides['" + sku.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }
}
