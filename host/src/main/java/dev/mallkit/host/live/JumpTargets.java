package dev.mallkit.host.live;

import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.guard.GuardedInvoker;
import dev.mallkit.host.live.TargetMerge.Contribution;
import dev.mallkit.host.store.Bound;
import dev.mallkit.host.store.FeatureMix;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jump targets a live room offers a viewer: mints the (store, room, viewer, sharer) token, asks every
 * enabled {@link LiveJumpProvider} in one batch (each under its own guard, one thread hand-off for all of
 * them, and threads of their own once one is slow, so the slowest costs one time budget, not the sum), merges the answers in the store's order and records what was offered under the
 * token. A provider that fails or times out contributes nothing.
 *
 * <p>A viewer polling a room gets the same token and usually the same offers: {@link LatestOffers} lets
 * such a GET skip the database. Every recording is announced on the event bus (cluster-wide in cluster
 * mode), so another host's belief that an older room is the viewer's latest is voided within the bus's
 * delivery time rather than a TTL: a TTL short enough to keep tokenless clicks right would expire
 * between two polls of a real viewer, and the cache would then serve only benchmarks.
 */
final class JumpTargets {
    /** Where recordings are announced: {@code {origin, store, viewer, room, offeredUs}}. */
    static final String RECORDED = "mallkit.live.offers-recorded";
    private static final Logger LOG = LoggerFactory.getLogger(JumpTargets.class);

    private final Vertx vertx;
    private final Database db;
    private final FeatureMix mix;
    private final Clock clock;
    private final LatestOffers latest;
    private final String origin = UUID.randomUUID().toString();

    JumpTargets(Vertx vertx, Database db, FeatureMix mix, Clock clock, LatestOffers latest) {
        this.vertx = vertx;
        this.db = db;
        this.mix = mix;
        this.clock = clock;
        this.latest = latest;
        vertx.eventBus().<JsonObject>consumer(RECORDED, message -> {
            JsonObject m = message.body();
            if (!origin.equals(m.getString("origin"))) {
                latest.recordedElsewhere(m.getString("store"), m.getString("viewer"), m.getString("room"), m.getLong("offeredUs"),
                        System.nanoTime());
            }
        });
    }

    /** @return the targets as the contract renders them, as JSON text */
    Future<String> offer(String storeId, String roomId, String viewerId, String sharerId) {
        return db.offLoop(() -> {
            Instant now = clock.instant();
            String known = latest.token(storeId, roomId, viewerId, sharerId, System.nanoTime());
            JumpOffers.Recorded recorded = null;
            Attribution attribution;
            if (known != null) {
                attribution = new Attribution(known, storeId, roomId, viewerId, sharerId);
            } else {
                Minted minted = db.inTransaction(c -> {
                    Attribution a = AttributionTokens.mint(c, storeId, roomId, viewerId, sharerId, now);
                    return new Minted(a, JumpOffers.recorded(c, a));
                });
                attribution = minted.attribution();
                recorded = minted.recorded();
            }
            JumpRequest request = new JumpRequest(roomId, viewerId, sharerId, attribution.token());
            List<OfferedTarget> targets = TargetMerge.merge(ask(mix.snapshot(storeId).additive(LiveJumpProvider.class), request));
            record(attribution, JumpOffers.encode(targets), recorded, now);
            JsonText out = new JsonText().open('[');
            targets.forEach(t -> t.write(out, attribution.token()));
            return out.close(']').toString();
        });
    }

    /**
     * Records {@code offers} unless that would change nothing: a viewer polling one room gets the same offers
     * again, and rewriting them (and offered_at, which only orders this viewer's rooms for tokenless clicks,
     * where this room is already first) would cost a write transaction per GET.
     *
     * @param recorded what the database held, or null when {@link #latest} answered for it
     */
    private void record(Attribution attribution, String offers, JumpOffers.Recorded recorded, Instant now) throws Exception {
        if (recorded == null ? latest.unchanged(attribution, offers, System.nanoTime()) : recorded.unchangedBy(offers)) {
            if (recorded != null) {
                latest.verified(attribution, offers, recorded.offeredUs(), System.nanoTime());
            }
            return;
        }
        db.inTransaction(c -> {
            JumpOffers.record(c, attribution, offers, now);
            return null;
        });
        long offeredUs = JumpOffers.micros(now);
        latest.verified(attribution, offers, offeredUs, System.nanoTime());
        vertx.eventBus().publish(RECORDED, new JsonObject().put("origin", origin).put("store", attribution.storeId())
                .put("viewer", attribution.viewerId()).put("room", attribution.roomId()).put("offeredUs", offeredUs));
    }

    private record Minted(Attribution attribution, JumpOffers.Recorded recorded) {
    }

    /** Asks every provider, each under its own guard, in one batch: one hand-off for all unless one is slow. */
    private static List<Contribution> ask(List<Bound<LiveJumpProvider>> providers, JumpRequest request) {
        // copied on the plugin's thread: a null list or target is the plugin's failure, counted by its breaker
        List<GuardedInvoker.Outcome<List<JumpTarget>>> outcomes = Bound.callEach(providers,
                (provider, ctx) -> List.copyOf(provider.targets(ctx, request)));
        List<Contribution> out = new ArrayList<>(providers.size());
        for (int i = 0; i < outcomes.size(); i++) {
            GuardedInvoker.Outcome<List<JumpTarget>> outcome = outcomes.get(i);
            if (outcome.failure() == null) {
                out.add(new Contribution(providers.get(i).pluginId(), outcome.value()));
            } else {
                contributesNothing(providers.get(i), outcome.failure());
            }
        }
        return out;
    }

    private static void contributesNothing(Bound<LiveJumpProvider> p, Throwable cause) {
        LOG.warn("live jump provider {} {} contributes nothing to store {}: {}", p.pluginId(), p.version(), p.context().storeId(),
                String.valueOf(cause));
    }
}
