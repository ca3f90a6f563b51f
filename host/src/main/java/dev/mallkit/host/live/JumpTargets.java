package dev.mallkit.host.live;

import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.live.TargetMerge.Contribution;
import dev.mallkit.host.store.Bound;
import dev.mallkit.host.store.FeatureMix;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jump targets a live room offers a viewer: mints the (store, room, viewer, sharer) token, asks every
 * enabled {@link LiveJumpProvider} at once (each under its own guard, so the slowest costs one time
 * budget, not the sum), merges the answers in the store's order and records what was offered under the
 * token. A provider that fails or times out contributes nothing.
 */
final class JumpTargets {
    private static final Logger LOG = LoggerFactory.getLogger(JumpTargets.class);

    private final Database db;
    private final FeatureMix mix;
    private final Clock clock;

    JumpTargets(Database db, FeatureMix mix, Clock clock) {
        this.db = db;
        this.mix = mix;
        this.clock = clock;
    }

    /** @return the targets as the contract renders them */
    Future<JsonArray> offer(String storeId, String roomId, String viewerId, String sharerId) {
        return db.offLoop(() -> {
            Instant now = clock.instant();
            Minted minted = db.inTransaction(c -> {
                Attribution a = AttributionTokens.mint(c, storeId, roomId, viewerId, sharerId, now);
                return new Minted(a, JumpOffers.recorded(c, a));
            });
            Attribution attribution = minted.attribution();
            JumpRequest request = new JumpRequest(roomId, viewerId, sharerId, attribution.token());
            List<OfferedTarget> targets = TargetMerge.merge(ask(mix.snapshot(storeId).additive(LiveJumpProvider.class), request));
            String offers = JumpOffers.encode(targets);
            // a viewer polling one room gets the same offers again: rewriting them (and offered_at, which only
            // orders this viewer's rooms for tokenless clicks, where this room is already first) would change
            // nothing but cost a write transaction per GET
            if (!minted.recorded().unchangedBy(offers)) {
                db.inTransaction(c -> {
                    JumpOffers.record(c, attribution, offers, now);
                    return null;
                });
            }
            JsonArray out = new JsonArray();
            targets.forEach(t -> out.add(t.toJson(attribution.token())));
            return out;
        });
    }

    private record Minted(Attribution attribution, JumpOffers.Recorded recorded) {
    }

    private static List<Contribution> ask(List<Bound<LiveJumpProvider>> providers, JumpRequest request) throws InterruptedException {
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Contribution>> answers = providers.stream()
                    .map(p -> calls.submit(() -> new Contribution(p.pluginId(), p.call((provider, ctx) -> provider.targets(ctx, request)))))
                    .toList();
            List<Contribution> out = new ArrayList<>(answers.size());
            for (int i = 0; i < answers.size(); i++) {
                try {
                    out.add(answers.get(i).get());
                } catch (ExecutionException e) {
                    LOG.warn("live jump provider {} {} contributes nothing to store {}: {}", providers.get(i).pluginId(),
                            providers.get(i).version(), providers.get(i).context().storeId(), String.valueOf(e.getCause()));
                }
            }
            return out;
        }
    }
}
