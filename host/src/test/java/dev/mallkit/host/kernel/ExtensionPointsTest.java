package dev.mallkit.host.kernel;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.Slot;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.host.Mallkit;
import dev.mallkit.host.js.JsAdapter;
import dev.mallkit.host.membership.MembershipProgramPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtensionPointsTest {

    /** A point whose interface forgot its slot kind. */
    interface Unslotted extends MallkitExtension {
    }

    public static final class UnslottedPoint implements ExtensionPointSpec<Unslotted> {
        @Override
        public Class<Unslotted> type() {
            return Unslotted.class;
        }

        @Override
        public JsAdapter<Unslotted> javascript() {
            return new JsAdapter<>(List.of(), (runner, limits) -> null);
        }
    }

    @Test
    void theSlotKindIsTheInterfacesAnnotation() {
        ExtensionPoints points = Mallkit.standardPoints();

        assertThat(points.types()).containsOnlyKeys("MembershipProgram", "DistributionScheme", "LiveJumpProvider");
        assertThat(points.exclusive("MembershipProgram")).isTrue();
        assertThat(points.exclusive("DistributionScheme")).isTrue();
        assertThat(points.exclusive("LiveJumpProvider")).isFalse();
        assertThat(points.named("LiveJumpProvider").orElseThrow().slot()).isEqualTo(LiveJumpProvider.class.getAnnotation(Slot.class).value());
        assertThat(points.type("Teleporter")).isEmpty();
    }

    @Test
    void aPointWithoutASlotKindOrDeclaredTwiceIsRefused() {
        assertThatThrownBy(() -> ExtensionPoints.of(List.of(new UnslottedPoint()))).hasMessageContaining("no @Slot");
        assertThatThrownBy(() -> ExtensionPoints.of(List.of(new MembershipProgramPoint(), new MembershipProgramPoint())))
                .hasMessageContaining("declared twice");
    }

    @Test
    void aReviewProcessRebuildsTheSamePointsFromTheirNames() {
        ExtensionPoints points = Mallkit.standardPoints();

        ExtensionPoints rebuilt = ExtensionPoints.fromClassNames(points.specClassNames());

        assertThat(rebuilt.types()).isEqualTo(points.types());
        assertThat(rebuilt.type("MembershipProgram")).contains(MembershipProgram.class);
        assertThatThrownBy(() -> ExtensionPoints.fromClassNames(List.of("java.lang.String"))).hasMessageContaining("not an extension point spec");
    }
}
