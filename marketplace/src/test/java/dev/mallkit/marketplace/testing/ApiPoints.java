package dev.mallkit.marketplace.testing;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.api.distribution.DistributionScheme;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.api.membership.MembershipProgram;
import java.util.Map;

/** The extension points of plugin-api v1 by descriptor name: what a host running every domain gives the review. */
public final class ApiPoints {
    public static final Map<String, Class<? extends MallkitExtension>> V1 = Map.of(
            "MembershipProgram", MembershipProgram.class,
            "DistributionScheme", DistributionScheme.class,
            "LiveJumpProvider", LiveJumpProvider.class);

    private ApiPoints() {
    }
}
