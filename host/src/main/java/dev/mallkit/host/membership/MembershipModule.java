package dev.mallkit.host.membership;

import dev.mallkit.host.kernel.ExtensionPointSpec;
import dev.mallkit.host.kernel.HostServices;
import dev.mallkit.host.kernel.Job;
import dev.mallkit.host.kernel.MallkitModule;
import dev.mallkit.host.kernel.ModuleParts;
import dev.mallkit.host.order.OrderEffect;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * Membership: the {@link dev.mallkit.api.membership.MembershipProgram} point, the {@code points} order effect, the
 * member routes (benefits, ledger, redemptions), and the points-expiry job every
 * {@code MALLKIT_POINTS_EXPIRY_PERIOD} ({@code PT0S}: off, then call {@link PointsExpiry#expireDue} yourself).
 */
public final class MembershipModule implements MallkitModule {

    @Override
    public String name() {
        return "membership";
    }

    @Override
    public List<ExtensionPointSpec<?>> extensionPoints() {
        return List.of(new MembershipProgramPoint());
    }

    @Override
    public ModuleParts start(HostServices host) {
        PointsExpiry expiry = new PointsExpiry(host.db());
        MemberRoutes routes = new MemberRoutes(host.db(), host.mix(), host.tenants(), new Redemptions(host.db(), host.mix(), host.clock()));
        return new ModuleParts() {
            @Override
            public void mount(Router router) {
                routes.mount(router);
            }

            @Override
            public List<OrderEffect> orderEffects() {
                return List.of(new PointsEffect());
            }

            @Override
            public List<Job> jobs() {
                return List.of(new Job("points expiry", host.config().pointsExpiryPeriod(), () -> expiry.expireDue(host.clock().instant())));
            }
        };
    }
}
