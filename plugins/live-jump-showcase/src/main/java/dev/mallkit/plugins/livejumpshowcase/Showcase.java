package dev.mallkit.plugins.livejumpshowcase;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.ErrorCategory;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.JumpTargetType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A store's live showcase as the merchant entered it. {@link #problems()} says what is wrong with it.
 *
 * @param products    the products in display order
 * @param productPage the mini-program product page used when a product names none
 * @param labels      labels a click applies to the viewer
 */
record Showcase(List<ShowcaseProduct> products, String productPage, List<String> labels) {
    static final String DEFAULT_PAGE = "pages/goods/detail";
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_/.-]+");

    Showcase {
        products = List.copyOf(requireNonNull(products, "products is null"));
        requireNonNull(productPage, "productPage is null");
        labels = List.copyOf(requireNonNull(labels, "labels is null"));
    }

    /** @return the configuration in {@code config}, defaults applied for absent options */
    @SuppressWarnings("unchecked")
    static Showcase from(PluginConfig config) {
        return new Showcase(
                config.getList("products").stream().map(p -> ShowcaseProduct.from(PluginConfig.of((Map<String, ?>) p))).toList(),
                config.getString("productPage", DEFAULT_PAGE),
                config.has("labels") ? config.getList("labels").stream().map(String::valueOf).toList() : List.of("live:showcase"));
    }

    /** @return what is wrong with a mini-program page path, or null when it is usable */
    static String pageProblem(String page) {
        if (page.startsWith("/")) {
            return "a page must not start with '/': " + page;
        }
        return PATH.matcher(page).matches() ? null : "a page may hold only letters, digits and _/.- : " + page;
    }

    /** @return every problem, each naming its field; empty when the showcase can be offered */
    List<ConfigProblem> problems() {
        List<ConfigProblem> problems = new ArrayList<>();
        if (products.isEmpty()) {
            problems.add(new ConfigProblem("$.products", "list at least one product"));
        }
        String page = pageProblem(productPage);
        if (page != null) {
            problems.add(new ConfigProblem("$.productPage", page));
        }
        Set<String> skus = new HashSet<>();
        for (int i = 0; i < products.size(); i++) {
            problems.addAll(products.get(i).problems(i));
            if (!skus.add(products.get(i).sku())) {
                problems.add(new ConfigProblem("$.products[" + i + "].sku", "sku listed twice: " + products.get(i).sku()));
            }
        }
        return problems;
    }

    /** @return one target per product, in order; fails with {@code CONFIG_INVALID} when the configuration has problems */
    List<JumpTarget> targets(JumpRequest request) {
        List<ConfigProblem> problems = problems();
        if (!problems.isEmpty()) {
            throw new PluginException(ErrorCategory.USER_ERROR, "CONFIG_INVALID", problems.toString());
        }
        return products.stream().map(product -> new JumpTarget("product:" + product.sku(), JumpTargetType.SHOWCASE_PRODUCT,
                product.title(), Map.of(
                        "sku", product.sku(),
                        "title", product.title(),
                        "price", Long.toString(product.priceMinor()),
                        "currency", product.currency(),
                        // the token lets the product page attribute the order to the room and sharer
                        "path", (product.page() == null ? productPage : product.page())
                                + "?sku=" + URLEncoder.encode(product.sku(), StandardCharsets.UTF_8) + "&t=" + request.attributionToken()),
                labels)).toList();
    }
}
