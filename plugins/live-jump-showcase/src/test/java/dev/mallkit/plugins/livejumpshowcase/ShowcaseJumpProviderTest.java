package dev.mallkit.plugins.livejumpshowcase;

import dev.mallkit.api.ConfigProblem;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginException;
import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.JumpTargetType;
import dev.mallkit.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class ShowcaseJumpProviderTest {
    private static final JumpRequest REQUEST = new JumpRequest("room42", "viewer7", "sharer3", "T0k3n");
    private static final Map<String, Object> TEA = Map.of("sku", "TEA-500g", "title", "明前龙井 500g", "priceMinor", 12900, "currency", "CNY");
    private static final Map<String, Object> CUP = Map.of("sku", "CUP.1", "title", "Cup", "priceMinor", 0, "currency", "USD", "page", "pages/cup/index");

    private final ShowcaseJumpProvider provider = new ShowcaseJumpProvider();

    @Test
    void workedExampleOffersOneTargetPerProductInOrder() {
        List<JumpTarget> targets = provider.targets(TestContext.forStore("s1").withConfig(Map.of("products", List.of(TEA, CUP))), REQUEST);

        assertThat(targets).extracting(JumpTarget::id).containsExactly("product:TEA-500g", "product:CUP.1");
        assertThat(targets).allSatisfy(target -> {
            assertThat(target.type()).isEqualTo(JumpTargetType.SHOWCASE_PRODUCT);
            assertThat(target.labels()).containsExactly("live:showcase");
        });
        assertThat(targets.getFirst().label()).isEqualTo("明前龙井 500g");
        assertThat(targets.getFirst().attributes()).containsOnly(
                entry("sku", "TEA-500g"), entry("title", "明前龙井 500g"), entry("price", "12900"), entry("currency", "CNY"),
                entry("path", "pages/goods/detail?sku=TEA-500g&t=T0k3n"));
        assertThat(targets.get(1).attributes()).containsEntry("path", "pages/cup/index?sku=CUP.1&t=T0k3n").containsEntry("price", "0");
    }

    @Test
    void configuredPageAndLabelsApplyToEveryProduct() {
        var config = Map.of("products", List.of(TEA), "productPage", "sub/goods/live", "labels", List.of("live:tea", "vip:lead"));

        JumpTarget target = provider.targets(TestContext.forStore("s1").withConfig(config), REQUEST).getFirst();

        assertThat(target.attributes()).containsEntry("path", "sub/goods/live?sku=TEA-500g&t=T0k3n");
        assertThat(target.labels()).containsExactly("live:tea", "vip:lead");
    }

    @Test
    void showcaseWithoutProductsIsRefused() {
        assertThat(problemPaths(Map.of("products", List.of()))).containsExactly("$.products");
        assertThat(problemPaths(Map.of())).containsExactly("$.products");
    }

    @Test
    void everyMalformedProductFieldIsRefusedByPath() {
        var bad = Map.of("sku", "TEA 500g", "title", " ", "priceMinor", -1, "currency", "cny", "page", "/pages/x");

        assertThat(problemPaths(Map.of("products", List.of(TEA, bad)))).containsExactly(
                "$.products[1].sku", "$.products[1].title", "$.products[1].priceMinor", "$.products[1].currency", "$.products[1].page");
    }

    @Test
    void duplicateSkuAndMalformedProductPageAreRefused() {
        assertThat(problemPaths(Map.of("products", List.of(TEA, CUP, TEA)))).containsExactly("$.products[2].sku");
        assertThat(problemPaths(Map.of("products", List.of(TEA), "productPage", "pages/goods?x=1"))).containsExactly("$.productPage");
    }

    @Test
    void invalidConfigurationFailsTheCallAsUserError() {
        var ctx = TestContext.forStore("s1").withConfig(Map.of("products", List.of()));

        assertThatThrownBy(() -> provider.targets(ctx, REQUEST))
                .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.code()).isEqualTo("CONFIG_INVALID"));
    }

    private List<String> problemPaths(Map<String, Object> config) {
        return provider.validate(PluginConfig.of(config)).stream().map(ConfigProblem::path).toList();
    }
}
