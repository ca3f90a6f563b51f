package dev.mallkit.plugins.membershippaidcard;

import dev.mallkit.api.BasisPoints;
import java.math.BigDecimal;

/** Rates written for people in reasons and perks; exact decimal, no floating point. */
final class Display {
    private Display() {
    }

    /** @return {@code rate} as a percentage, e.g. {@code 12.5%} */
    static String percent(BasisPoints rate) {
        return BigDecimal.valueOf(rate.value(), 2).stripTrailingZeros().toPlainString() + "%";
    }

    /** @return {@code multiplier} as a factor, e.g. {@code ×1.5} */
    static String factor(BasisPoints multiplier) {
        return "×" + BigDecimal.valueOf(multiplier.value(), 4).stripTrailingZeros().toPlainString();
    }
}
