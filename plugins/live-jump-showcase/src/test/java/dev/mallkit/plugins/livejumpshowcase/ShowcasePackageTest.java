package dev.mallkit.plugins.livejumpshowcase;

import dev.mallkit.api.PluginConfig;
import dev.mallkit.plugins.testing.PluginPackageCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShowcasePackageTest {
    private static final Map<String, Object> TEA = Map.of("sku", "TEA-500g", "title", "明前龙井", "priceMinor", 12900, "currency", "CNY");

    private final PluginPackageCheck check = PluginPackageCheck.of(ShowcaseJumpProvider.class);

    @Test
    void descriptorDeclaresTheLiveJumpProvider() {
        check.assertFirstParty("live-jump-showcase", "LiveJumpProvider");
    }

    @Test
    void schemaDefaultsAreTheOnesThePluginAppliesItself() {
        var withDefaults = Map.of("products", List.of(TEA), "productPage", check.defaultOf("productPage"), "labels", check.defaultOf("labels"));

        assertThat(check.schemaErrors(Map.of("products", List.of(TEA)))).isEmpty();
        assertThat(Showcase.from(PluginConfig.of(Map.of("products", List.of(TEA))))).isEqualTo(Showcase.from(PluginConfig.of(withDefaults)));
    }

    @Test
    void schemaRefusesMalformedProductsAndUnknownOptions() {
        assertThat(check.schemaErrors(Map.of("products", List.of(Map.of("sku", "A", "title", "t", "priceMinor", 1.5, "currency", "CNY"))))).hasSize(1);
        assertThat(check.schemaErrors(Map.of("products", List.of(TEA), "discount", 10))).hasSize(1);
    }
}
