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
        assertThat(cache.text(one, writer).json()).isEqualTo("{\"pointsPerYuan\":1}");
        assertThat(cache.text(one, writer).json()).isEqualTo("{\"pointsPerYuan\":1}");
        assertThat(written).containsExactly(one);
        // one slot: the second config evicts the first, neither is ever answered with the other's text
        assertThat(cache.text(two, writer).json()).isEqualTo("{\"pointsPerYuan\":2}");
        assertThat(cache.text(one, writer).json()).isEqualTo("{\"pointsPerYuan\":1}");
        assertThat(written).containsExactly(one, two, one);
    }

    @Test
    void equalConfigsThatAreDistinctInstancesAreMatchedByIdentityOnly() {
        ConfigJsonCache cache = new ConfigJsonCache(64);
        PluginConfig first = PluginConfig.of(Map.of("a", "x"));
        PluginConfig equal = PluginConfig.of(Map.of("a", "x"));
        cache.text(first, writer);
        cache.text(equal, writer);
        cache.text(first, writer);
        assertThat(written).hasSizeBetween(2, 3).startsWith(first, equal);
    }

    @Test
    void anIdNamesOneTextAndEveryWritingGetsANewOne() {
        ConfigJsonCache cache = new ConfigJsonCache(1);
        PluginConfig one = PluginConfig.of(Map.of("pointsPerYuan", 1));
        PluginConfig two = PluginConfig.of(Map.of("pointsPerYuan", 1));
        long first = cache.text(one, writer).id();
        assertThat(cache.text(one, writer).id()).isEqualTo(first);
        long second = cache.text(two, writer).id();
        // written again after its eviction: a new id, so no sandbox answers it from what it kept of another text
        long again = cache.text(one, writer).id();
        assertThat(List.of(first, second, again)).doesNotHaveDuplicates();
        assertThat(new ConfigJsonCache(1).text(one, writer).id()).isNotIn(first, second, again);
    }
}
