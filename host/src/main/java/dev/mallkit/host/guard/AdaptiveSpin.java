package dev.mallkit.host.guard;

/**
 * Whether spinning for a hand-off is worth it at the moment. Spinning wins when the other side runs on
 * another core at once; on an oversubscribed machine the other side waits for a core that the spinner
 * holds, and spinning only delays it. So a spin is tried while recent spins paid off; after misses it is
 * tried again only on every {@value #PROBE_EVERY}th occasion, to notice when cores are free again.
 *
 * <p>The fields are plain on purpose: a racy, approximate record is enough for a heuristic, and an
 * atomic counter shared by every caller would itself cost a contended cache line per call.
 */
final class AdaptiveSpin {
    private static final int PROBE_EVERY = 64;
    private static final int MAX_CREDIT = 8;

    private final long nanos;
    private int credit = MAX_CREDIT;
    private int occasions;

    /** @param nanos how long one spin lasts at most */
    AdaptiveSpin(long nanos) {
        this.nanos = nanos;
    }

    /** @return how long to spin now: zero when recent spins missed (except to probe now and then) */
    long nanos() {
        return credit > 0 || ++occasions % PROBE_EVERY == 0 ? nanos : 0;
    }

    /** Records whether a spin ended in the hand-off it waited for. */
    void record(boolean hit) {
        credit = hit ? Math.min(credit + 1, MAX_CREDIT) : credit / 2;
    }
}
