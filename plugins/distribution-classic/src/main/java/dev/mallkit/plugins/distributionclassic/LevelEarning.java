package dev.mallkit.plugins.distributionclassic;

import dev.mallkit.api.BasisPoints;
import dev.mallkit.api.Money;
import dev.mallkit.api.distribution.CommissionSplit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** What one level earns on an order, summed line by line: a rate on some lines, fixed amounts on others. */
final class LevelEarning {
    private final int level;
    private final String beneficiaryId;
    private final BasisPoints rate;
    private Money rateBase;
    private Money byRate;
    private Money fixed;

    LevelEarning(int level, String beneficiaryId, BasisPoints rate, String currency) {
        this.level = level;
        this.beneficiaryId = beneficiaryId;
        this.rate = rate;
        this.rateBase = Money.zero(currency);
        this.byRate = Money.zero(currency);
        this.fixed = Money.zero(currency);
    }

    /** Adds the level's rate of {@code lineAmount}, rounded toward zero per line; a zero rate adds nothing. */
    void addRateOf(Money lineAmount) {
        if (rate.value() == 0) {
            return;
        }
        rateBase = rateBase.plus(lineAmount);
        byRate = byRate.plus(lineAmount.times(rate));
    }

    /** Adds a fixed commission of {@code perUnit} minor units for each of {@code quantity} units. */
    void addFixed(long perUnit, int quantity) {
        fixed = fixed.plus(Money.of(Math.multiplyExact(perUnit, (long) quantity), fixed.currency()));
    }

    /** @return the split, or empty when the level earns nothing */
    Optional<CommissionSplit> split() {
        Money total = byRate.plus(fixed);
        if (total.minor() <= 0) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        if (rateBase.minor() > 0) {
            parts.add(BigDecimal.valueOf(rate.value(), 2).stripTrailingZeros().toPlainString() + "% of " + format(rateBase));
        }
        if (fixed.minor() > 0) {
            parts.add("fixed " + format(fixed));
        }
        String label = level == 0 ? "self-purchase " : "L" + level + " ";
        return Optional.of(new CommissionSplit(level, beneficiaryId, total, label + String.join(" + ", parts)));
    }

    private static String format(Money money) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(money.currency()).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknownCurrency) {
            digits = 2;
        }
        return BigDecimal.valueOf(money.minor(), digits).toPlainString() + " " + money.currency();
    }
}
