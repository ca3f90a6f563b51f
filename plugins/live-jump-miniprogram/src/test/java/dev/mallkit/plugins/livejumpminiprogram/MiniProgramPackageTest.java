package dev.mallkit.plugins.livejumpminiprogram;

import dev.mallkit.api.PluginConfig;
import dev.mallkit.plugins.testing.PluginPackageCheck;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MiniProgramPackageTest {
    private final PluginPackageCheck check = PluginPackageCheck.of(MiniProgramJumpProvider.class);

    @Test
    void descriptorDeclaresTheLiveJumpProvider() {
        check.assertFirstParty("live-jump-miniprogram", "LiveJumpProvider");
    }

    @Test
    void schemaDefaultsAreTheOnesThePluginAppliesItself() {
        var defaults = Map.of("queryTemplate", check.defaultOf("queryTemplate"), "urlLinkExpiryDays", check.defaultOf("urlLinkExpiryDays"),
                "title", check.defaultOf("title"), "labels", check.defaultOf("labels"));
        var required = Map.of("appid", "wx0123456789abcdef", "path", "pages/index/index");

        assertThat(check.schemaErrors(required)).isEmpty();
        assertThat(MiniProgramPage.from(PluginConfig.of(required)))
                .isEqualTo(MiniProgramPage.from(PluginConfig.of(merge(required, defaults))));
    }

    @Test
    void schemaRefusesUnknownOptionsAndMalformedFields() {
        assertThat(check.schemaErrors(Map.of("appid", "wx0123456789abcdef", "path", "p", "colour", "red"))).hasSize(1);
        assertThat(check.schemaErrors(Map.of("appid", "wxNOPE", "path", "/p"))).hasSize(2);
        assertThat(check.schemaErrors(Map.of("appid", "wx0123456789abcdef", "path", "p", "urlLinkExpiryDays", 31))).hasSize(1);
    }

    private static Map<String, Object> merge(Map<String, ?> a, Map<String, ?> b) {
        var merged = new HashMap<String, Object>(a);
        merged.putAll(b);
        return merged;
    }
}
