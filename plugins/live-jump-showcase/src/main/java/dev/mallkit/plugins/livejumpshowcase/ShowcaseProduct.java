package dev.mallkit.plugins.livejumpshowcase;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.PluginConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One product of the store's showcase offered in the live room, as the merchant entered it.
 *
 * @param sku        the store's SKU, {@code [A-Za-z0-9._-]{1,48}} so it can form a target id
 * @param title      the product title, shown as the button text
 * @param priceMinor the live price in minor units (fen for CNY), not negative
 * @param currency   ISO 4217, three upper-case letters
 * @param page       the mini-program product page for this product, or null for the showcase's default
 */
record ShowcaseProduct(String sku, String title, long priceMinor, String currency, String page) {
    static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,48}");
    static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    ShowcaseProduct {
        requireNonNull(sku, "sku is null");
        requireNonNull(title, "title is null");
        requireNonNull(currency, "currency is null");
    }

    static ShowcaseProduct from(PluginConfig product) {
        return new ShowcaseProduct(
                product.getString("sku", ""),
                product.getString("title", ""),
                product.getLong("priceMinor", -1),
                product.getString("currency", "CNY"),
                product.getString("page", null));
    }

    /** @return the problems of this product at {@code $.products[index]} */
    List<ConfigProblem> problems(int index) {
        String at = "$.products[" + index + "].";
        List<ConfigProblem> problems = new ArrayList<>();
        if (!SKU.matcher(sku).matches()) {
            problems.add(new ConfigProblem(at + "sku", "sku must be 1-48 letters, digits or ._- : " + sku));
        }
        if (title.isBlank()) {
            problems.add(new ConfigProblem(at + "title", "title must not be blank"));
        }
        if (priceMinor < 0) {
            problems.add(new ConfigProblem(at + "priceMinor", "priceMinor must be minor units, zero or more: " + priceMinor));
        }
        if (!CURRENCY.matcher(currency).matches()) {
            problems.add(new ConfigProblem(at + "currency", "currency must be three upper-case letters: " + currency));
        }
        String pageProblem = page == null ? null : Showcase.pageProblem(page);
        if (pageProblem != null) {
            problems.add(new ConfigProblem(at + "page", pageProblem));
        }
        return problems;
    }
}
