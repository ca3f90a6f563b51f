package dev.mallkit.host.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatestOffersTest {
    private static final long MINUTE = 60_000_000_000L;
    private static final String OFFERS = "[{\"id\":\"p:a\",\"pluginId\":\"p\",\"labels\":[]}]";

    private final LatestOffers latest = new LatestOffers(1_000, 1L << 20, MINUTE);

    private static Attribution tuple(String room, String viewer, String sharer) {
        return new Attribution("T" + room + viewer, "s", room, viewer, sharer);
    }

    @Test
    void tokenIsKnownOnlyForTheTupleVerifiedAsTheViewersLatestRoom() {
        latest.verified(tuple("room-1", "v", null), OFFERS, 10, 0);

        assertThat(latest.token("s", "room-1", "v", null, 1)).isEqualTo("Troom-1v");
        assertThat(latest.token("s", "room-2", "v", null, 1)).isNull();
        assertThat(latest.token("s", "room-1", "v", "sharer", 1)).isNull();
        assertThat(latest.token("other", "room-1", "v", null, 1)).isNull();
        assertThat(latest.unchanged(tuple("room-1", "v", null), OFFERS, 1)).isTrue();
        assertThat(latest.unchanged(tuple("room-1", "v", null), "[]", 1)).isFalse();
    }

    @Test
    void anotherRoomVerifiedLaterReplacesTheLatestButAnOlderAnswerNever() {
        latest.verified(tuple("room-1", "v", null), OFFERS, 10, 0);
        latest.verified(tuple("room-2", "v", null), OFFERS, 20, 0);
        // a transaction that read room-1 as latest before room-2 was recorded answers late
        latest.verified(tuple("room-1", "v", null), OFFERS, 10, 0);

        assertThat(latest.token("s", "room-1", "v", null, 1)).isNull();
        assertThat(latest.token("s", "room-2", "v", null, 1)).isEqualTo("Troom-2v");
    }

    @Test
    void aRecordingOnAnotherHostVoidsTheBeliefAndBlocksOlderAnswers() {
        latest.verified(tuple("room-1", "v", null), OFFERS, 10, 0);
        latest.recordedElsewhere("s", "v", "room-2", 20, 0);

        assertThat(latest.token("s", "room-1", "v", null, 1)).isNull();
        assertThat(latest.token("s", "room-2", "v", null, 1)).isNull();
        latest.verified(tuple("room-1", "v", null), OFFERS, 15, 0);
        assertThat(latest.token("s", "room-1", "v", null, 1)).isNull();
        latest.verified(tuple("room-1", "v", null), OFFERS, 30, 0);
        assertThat(latest.token("s", "room-1", "v", null, 1)).isEqualTo("Troom-1v");
    }

    @Test
    void aBeliefOlderThanTheMaximumAgeIsCheckedAgain() {
        latest.verified(tuple("room-1", "v", null), OFFERS, 10, 0);

        assertThat(latest.token("s", "room-1", "v", null, MINUTE)).isNotNull();
        assertThat(latest.token("s", "room-1", "v", null, MINUTE + 1)).isNull();
    }

    @Test
    void entriesAreBoundedInNumberAndBytes() {
        LatestOffers few = new LatestOffers(2, 1L << 20, MINUTE);
        for (int i = 0; i < 10; i++) {
            few.verified(tuple("r", "v" + i, null), OFFERS, 1, 0);
        }
        assertThat(few.size()).isEqualTo(2);

        String large = "x".repeat(1_000);
        LatestOffers small = new LatestOffers(1_000, 3 * (LatestOffers.ENTRY_OVERHEAD + 1_100L), MINUTE);
        for (int i = 0; i < 10; i++) {
            small.verified(tuple("r", "v" + i, null), large, 1, 0);
        }
        assertThat(small.size()).isEqualTo(3);
        assertThat(small.bytes()).isLessThanOrEqualTo(3 * (LatestOffers.ENTRY_OVERHEAD + 1_100L));
    }
}
