package dev.mallkit.host.live;

import dev.mallkit.host.distribution.ReferralBinder;
import dev.mallkit.host.kernel.ExtensionPointSpec;
import dev.mallkit.host.kernel.HostServices;
import dev.mallkit.host.kernel.MallkitModule;
import dev.mallkit.host.kernel.ModuleParts;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The live-room domain: the {@link dev.mallkit.api.live.LiveJumpProvider} point,
 * {@code GET .../live-rooms/{roomId}/jump-targets}, {@code POST .../jump-clicks} and
 * {@code GET .../members/{memberId}/labels}.
 */
public final class LiveModule implements MallkitModule {
    /**
     * Viewers whose latest room a host remembers (see {@link LatestOffers}). An entry retains about 0.3 KiB plus
     * its offers text: about 0.85 KiB with the three first-party providers' five targets.
     */
    static final int LATEST_VIEWERS = 100_000;
    /** The estimated bytes those entries may retain: 48 MiB, i.e. about 58,000 viewers of five targets each. */
    static final long LATEST_BYTES = 48L << 20;
    /** How long a remembered latest room stands without a database check, should an announcement be lost. */
    static final Duration LATEST_MAX_AGE = Duration.ofSeconds(60);

    private final Supplier<ReferralBinder> binders;

    /**
     * @param binders the host's referral binder, read at each click; one supplying null means no distribution domain
     *                runs, and a shared viewer's click reports {@code referral.reason = NO_SCHEME}
     */
    public LiveModule(Supplier<ReferralBinder> binders) {
        this.binders = binders;
    }

    @Override
    public String name() {
        return "live";
    }

    @Override
    public List<ExtensionPointSpec<?>> extensionPoints() {
        return List.of(new LiveJumpProviderPoint());
    }

    @Override
    public ModuleParts start(HostServices host) {
        JumpTargets targets = new JumpTargets(host.vertx(), host.db(), host.mix(), host.clock(),
                new LatestOffers(LATEST_VIEWERS, LATEST_BYTES, LATEST_MAX_AGE.toNanos()));
        JumpClicks clicks = new JumpClicks(host.db(), host.mix(), binders, host.clock());
        LiveRoutes routes = new LiveRoutes(host.db(), host.tenants(), targets, clicks);
        return new ModuleParts() {
            @Override
            public void mount(Router router) {
                routes.mount(router);
            }
        };
    }
}
