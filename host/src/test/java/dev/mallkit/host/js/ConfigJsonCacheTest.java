package dev.mallkit.host.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallkit.api.PluginConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConfigJsonCacheTest {

    private final List<PluginConfig> written = new ArrayList<>();
    private final Function<PluginConfig, String> writer = config -> {
        written.add(config);
        return JsInputs.config(config).toString();
    };

    @Test
    void aConfigIsWrittenOnceAndEveryConfigGetsItsOwnText() {
        ConfigJsonCache cache = new ConfigJsonCache(1);
        PluginConfig one = PluginConfig.of(Map.of("pointsPerYuan", 1));
        PluginConfig two = PluginConfig.of(Map.of("pointsPerYuan", 2));
        assertThat(cache.json(one, writer)).isEqualTo("{\"pointsPerYuan\":1}");
        assertThat(cache.json(one, writer)).isEqualTo("{\"pointsPerYuan\":1}");
        assertThat(written).containsExactly(one);
        // one slot: the second config evicts the first, neither is ever answered with the other's text
        assertThat(cache.json(two, writer)).isEqualTo("{\"pointsPerYuan\":2}");
        assertThat(cache.json(one, writer)).isEqualTo("{\"pointsPerYuan\":1}");
        assertThat(written).containsExactly(one, two, one);
    }

    @Test
    void equalConfigsThatAreDistinctInstancesAreMatchedByIdentityOnly() {
        ConfigJsonCache cache = new ConfigJsonCache(64);
        PluginConfig first = PluginConfig.of(Map.of("a", "x"));
        PluginConfig equal = PluginConfig.of(Map.of("a", "x"));
        cache.json(first, writer);
        cache.json(equal, writer);
        cache.json(first, writer);
        assertThat(written).hasSizeBetween(2, 3).startsWith(first, equal);
    }
}
