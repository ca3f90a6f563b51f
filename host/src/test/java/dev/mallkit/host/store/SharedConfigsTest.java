package dev.mallkit.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallkit.api.PluginConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

class SharedConfigsTest {

    private static Map<String, Object> values(long points) {
        Map<String, Object> tier = new LinkedHashMap<>(Map.of("name", "gold", "min", 1000L));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pointsPerYuan", points);
        out.put("tiers", List.of(tier));
        return out;
    }

    /** Collects until {@code size} reads 0 (weak entries are cleared by the collector, at its pace), then asserts it. */
    static void awaitCollected(IntSupplier size) throws InterruptedException {
        for (int attempt = 0; attempt < 50 && size.getAsInt() > 0; attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(size.getAsInt()).isZero();
    }

    @Test
    void equalValuesYieldOneResidentConfig() {
        SharedConfigs shared = new SharedConfigs(10);
        PluginConfig first = shared.of(values(1));

        assertThat(shared.of(values(1))).isSameAs(first);
        assertThat(shared.of(values(2))).isNotSameAs(first).isEqualTo(PluginConfig.of(values(2)));
        assertThat(first.getLong("pointsPerYuan", 0)).isEqualTo(1);
    }

    @Test
    void beyondCapacityOfSharedConfigsNewOnesAreBuiltUnshared() {
        SharedConfigs shared = new SharedConfigs(1);
        PluginConfig kept = shared.of(values(1));
        assertThat(shared.of(values(1))).isSameAs(kept);

        PluginConfig overflow = shared.of(values(2));

        assertThat(shared.of(values(2))).isNotSameAs(overflow).isEqualTo(overflow);
        assertThat(shared.of(values(1))).isSameAs(kept);
        assertThat(shared.size()).isEqualTo(1);
    }

    @Test
    void configsNoSnapshotHoldsLeaveTheTable() throws InterruptedException {
        SharedConfigs shared = new SharedConfigs(100);
        for (int i = 0; i < 50; i++) {
            shared.of(values(i));
        }
        awaitCollected(shared::size);
        assertThat(shared.of(values(3)).getLong("pointsPerYuan", 0)).isEqualTo(3);
    }

    @Test
    void configsThatDifferInOneFieldShareTheirEqualNestedObjectsAndArrays() {
        SharedConfigs shared = new SharedConfigs(10);
        PluginConfig one = shared.of(values(1));
        PluginConfig two = shared.of(values(2));
        Map<String, Object> otherTier = new LinkedHashMap<>(values(3));
        otherTier.put("tiers", List.of(Map.of("name", "silver", "min", 1000L), Map.of("name", "gold", "min", 1000L)));
        PluginConfig three = shared.of(otherTier);

        assertThat(two).isNotSameAs(one);
        assertThat(two.getList("tiers")).isSameAs(one.getList("tiers")).isEqualTo(List.of(Map.of("name", "gold", "min", 1000L)));
        assertThat(three.getList("tiers")).isNotSameAs(one.getList("tiers")).hasSize(2);
        assertThat(three.getList("tiers").get(1)).as("an equal object inside a different array").isSameAs(one.getList("tiers").getFirst());
        assertThat(three.getList("tiers").getFirst()).isEqualTo(Map.of("name", "silver", "min", 1000L));
        assertThat(shared.nestedSize()).isEqualTo(4);
    }
}
