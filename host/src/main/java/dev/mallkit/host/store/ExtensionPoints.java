package dev.mallkit.host.store;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.distribution.DistributionScheme;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.api.membership.MembershipProgram;
import java.util.Map;
import java.util.Optional;

/** The extension points of plugin-api v1 by simple name, and which slots are exclusive. */
public final class ExtensionPoints {
    public static final Map<String, Class<? extends MallkitExtension>> BY_NAME = Map.of(
            "MembershipProgram", MembershipProgram.class,
            "DistributionScheme", DistributionScheme.class,
            "LiveJumpProvider", LiveJumpProvider.class);

    private ExtensionPoints() {
    }

    /** @return the interface named {@code name}, if it is a v1 extension point */
    public static Optional<Class<? extends MallkitExtension>> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** @return whether a store may run at most one plugin for {@code point} */
    public static boolean exclusive(Class<?> point) {
        return point != LiveJumpProvider.class;
    }
}
