package dev.mallkit.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallkit.api.PluginConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeakInternerTest {

    private static PluginConfig config(long points) {
        return PluginConfig.of(Map.of("pointsPerYuan", points, "tiers", List.of(Map.of("name", "gold", "min", 1000L))));
    }

    @Test
    void equalConfigsParsedSeparatelyShareOneInstance() {
        WeakInterner<PluginConfig> interner = new WeakInterner<>(10);
        PluginConfig first = interner.intern(config(1));

        PluginConfig second = interner.intern(config(1));

        assertThat(second).isSameAs(first);
        assertThat(interner.intern(config(2))).isNotSameAs(first).isEqualTo(config(2));
    }

    @Test
    void aTableFullOfSharedValuesReturnsNewcomersUnsharedAndStillCorrect() {
        WeakInterner<PluginConfig> interner = new WeakInterner<>(1);
        PluginConfig kept = interner.intern(config(1));
        assertThat(interner.intern(config(1))).isSameAs(kept);

        PluginConfig overflow = config(2);

        assertThat(interner.intern(overflow)).isSameAs(overflow);
        assertThat(interner.intern(config(2))).isNotSameAs(overflow).isEqualTo(overflow);
        assertThat(interner.intern(config(1))).isSameAs(kept);
        assertThat(interner.size()).isEqualTo(1);
    }

    @Test
    void aFullTableDropsValuesNeverSharedSoThatLaterSharedOnesGetIn() {
        WeakInterner<String> interner = new WeakInterner<>(4);
        String common = interner.intern(new String("CNY"));
        assertThat(interner.intern(new String("CNY"))).isSameAs(common);
        List<String> oneOffs = List.of(interner.intern(new String("store-1")), interner.intern(new String("store-2")),
                interner.intern(new String("store-3")));
        assertThat(interner.size()).isEqualTo(4);

        String later = interner.intern(new String("Tea"));

        assertThat(interner.intern(new String("Tea"))).as("admitted once the one-offs made room").isSameAs(later);
        assertThat(interner.intern(new String("CNY"))).as("shared values stay").isSameAs(common);
        assertThat(interner.intern(new String("store-1"))).as("dropped from the table, still held by its owner")
                .isNotSameAs(oneOffs.getFirst()).isEqualTo("store-1");
        assertThat(interner.size()).isLessThanOrEqualTo(4);
    }

    @Test
    void configsNoSnapshotHoldsAnyMoreLeaveTheTable() throws InterruptedException {
        WeakInterner<PluginConfig> interner = new WeakInterner<>(100);
        for (int i = 0; i < 50; i++) {
            interner.intern(config(i));
        }
        SharedConfigsTest.awaitCollected(interner::size);
    }

    @Test
    void negativeCapacityIsRejected() {
        assertThatThrownBy(() -> new WeakInterner<>(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
