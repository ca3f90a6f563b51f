package dev.mallkit.host.distribution;

import dev.mallkit.host.kernel.ExtensionPointSpec;
import dev.mallkit.host.kernel.HostServices;
import dev.mallkit.host.kernel.Job;
import dev.mallkit.host.kernel.MallkitModule;
import dev.mallkit.host.kernel.ModuleParts;
import dev.mallkit.host.order.OrderEffect;
import dev.mallkit.host.store.EnableCheck;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;

/**
 * Distribution: the {@link dev.mallkit.api.distribution.DistributionScheme} point, the referral and commission
 * routes, the {@code commissions} order effect, the platform policy's check on enabling a scheme, and the job that
 * settles due commissions every minute (runs on several hosts are safe).
 */
public final class DistributionModule implements MallkitModule {
    private static final Duration SETTLE_EVERY = Duration.ofMinutes(1);
    private final ReferralBinder binder = new TreeReferralBinder();

    @Override
    public String name() {
        return "distribution";
    }

    /** @return how a referral binds, for other domains (a live-room click binds the sharer) */
    public ReferralBinder binder() {
        return binder;
    }

    @Override
    public List<ExtensionPointSpec<?>> extensionPoints() {
        return List.of(new DistributionSchemePoint());
    }

    @Override
    public ModuleParts start(HostServices host) {
        CommissionLedger ledger = new CommissionLedger(host.db());
        DistributionRoutes routes = new DistributionRoutes(host.db(), host.mix(), host.tenants(), binder, host.clock());
        return new ModuleParts() {
            @Override
            public void mount(Router router) {
                routes.mount(router);
            }

            @Override
            public List<OrderEffect> orderEffects() {
                return List.of(new CommissionEffect());
            }

            @Override
            public List<EnableCheck> enableChecks() {
                return List.of(new PolicyLimitsCheck());
            }

            @Override
            public List<Job> jobs() {
                return List.of(new Job("commission settlement", SETTLE_EVERY, () -> ledger.settleDue(host.clock().instant())));
            }
        };
    }
}
