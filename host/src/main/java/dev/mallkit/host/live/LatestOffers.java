package dev.mallkit.host.live;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Objects;

/**
 * What this host knows of each viewer's latest room in a store: the tuple last recorded (or verified
 * against the database) as the room a tokenless click would follow, its token and its offers as recorded.
 * A GET of that same tuple whose offers are unchanged needs no transaction: the token never changes, and
 * recording the same offers again would change no click's resolution ({@link JumpOffers.Recorded#unchangedBy}).
 *
 * <p>Every entry carries the {@code offered_us} instant it stands for, and a newer instant always wins: a
 * late answer of an older transaction, or of another host, cannot make an older room the latest again.
 * Another host's recording replaces the entry by a marker of its instant ({@link #recordedElsewhere}),
 * which is never a hit. Entries older than the maximum age are re-verified, in case a marker was lost.
 *
 * <p>Bounded by entries and by an estimate of their retained bytes (Caffeine, weighed by the estimate): each entry
 * weighs at least {@code maxBytes / maxEntries}, so the byte bound also caps the entries.
 */
final class LatestOffers {
    /** Fixed bytes per entry beside its strings' characters: map node, record, key and five string headers. */
    static final int ENTRY_OVERHEAD = 280;

    private final long maxAgeNanos;
    private final Cache<String, Latest> viewers;

    /** A viewer's latest tuple; {@code token} null marks a recording by another host, which only orders. */
    record Latest(String roomId, String sharerId, String token, String offers, long offeredUs, long verifiedNanos) {
        long weight(String key) {
            return ENTRY_OVERHEAD + key.length() + roomId.length() + (sharerId == null ? 0 : sharerId.length())
                    + (token == null ? 0 : token.length() + offers.length());
        }
    }

    LatestOffers(int maxEntries, long maxBytes, long maxAgeNanos) {
        this.maxAgeNanos = maxAgeNanos;
        long least = Math.max(1, maxBytes / maxEntries);
        this.viewers = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .<String, Latest>weigher((key, latest) -> (int) Math.min(Integer.MAX_VALUE, Math.max(least, latest.weight(key))))
                .build();
    }

    /** @return the tuple's token when it is the viewer's known latest room, else null (ask the database) */
    String token(String storeId, String roomId, String viewerId, String sharerId, long nowNanos) {
        Latest latest = current(storeId, roomId, viewerId, sharerId, nowNanos);
        return latest == null ? null : latest.token();
    }

    /** @return whether {@code offers} are what the database holds under the tuple, still the viewer's known latest room */
    boolean unchanged(Attribution a, String offers, long nowNanos) {
        Latest latest = current(a.storeId(), a.roomId(), a.viewerId(), a.sharerId(), nowNanos);
        return latest != null && latest.offers().equals(offers);
    }

    private Latest current(String storeId, String roomId, String viewerId, String sharerId, long nowNanos) {
        Latest latest = viewers.getIfPresent(key(storeId, viewerId));
        if (latest == null || latest.token() == null || nowNanos - latest.verifiedNanos() > maxAgeNanos
                || !latest.roomId().equals(roomId) || !Objects.equals(latest.sharerId(), sharerId)) {
            return null;
        }
        return latest;
    }

    /** Notes that the database holds {@code offers} under {@code attribution}, recorded at {@code offeredUs}, as the viewer's latest room. */
    void verified(Attribution attribution, String offers, long offeredUs, long nowNanos) {
        put(key(attribution.storeId(), attribution.viewerId()),
                new Latest(attribution.roomId(), attribution.sharerId(), attribution.token(), offers, offeredUs, nowNanos));
    }

    /** Notes that another host recorded a room of the viewer at {@code offeredUs}: this host's belief up to then is void. */
    void recordedElsewhere(String storeId, String viewerId, String roomId, long offeredUs, long nowNanos) {
        put(key(storeId, viewerId), new Latest(roomId, null, null, null, offeredUs, nowNanos));
    }

    /** @return how many viewers are known, once pending evictions are done */
    long size() {
        viewers.cleanUp();
        return viewers.estimatedSize();
    }

    /** @return what the entries weigh (their estimated bytes, each at least {@code maxBytes / maxEntries}) */
    long bytes() {
        viewers.cleanUp();
        return viewers.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    private void put(String key, Latest latest) {
        viewers.asMap().compute(key, (k, known) -> known != null && known.offeredUs() > latest.offeredUs() ? known : latest);
    }

    private static String key(String storeId, String viewerId) {
        // NUL cannot occur in ids: the joined form is unambiguous
        return storeId + '\0' + viewerId;
    }
}
