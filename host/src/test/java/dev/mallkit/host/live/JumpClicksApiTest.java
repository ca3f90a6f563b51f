package dev.mallkit.host.live;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.mallkit.host.live.LiveHost.DISTRIBUTION;
import static dev.mallkit.host.live.LiveHost.OFFICIAL_ACCOUNT;
import static dev.mallkit.host.live.LiveHost.SHOWCASE;
import static dev.mallkit.host.live.LiveHost.WECOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** {@code POST .../jump-clicks} and {@code GET .../members/{memberId}/labels} over the real first-party jars. */
@ParameterizedClass
@EnumSource(DbKind.class)
class JumpClicksApiTest {
    private static final String PRODUCT = SHOWCASE + ":product:SKU-1";
    private static final String ARTICLE = OFFICIAL_ACCOUNT + ":official-account-article";

    @Parameter
    DbKind kind;

    static LiveHost live;

    @BeforeParameterizedClassInvocation
    static void start(DbKind kind) {
        live = LiveHost.start(kind);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (live != null) {
            live.close();
        }
    }

    @Test
    void clickIsRecordedAndLabelsTheViewerOncePerLabel() throws SQLException {
        String key = live.store("clicks", LiveHost.allFour());
        String token = token(live.targets(key, "clicks", "room-1", "viewer-1", null));

        Response first = live.click(key, "clicks", PRODUCT, "viewer-1", token);
        Response second = live.click(key, "clicks", PRODUCT, "viewer-1", token);
        Response lead = live.click(key, "clicks", WECOM + ":wecom-acquisition-link", "viewer-1", token);

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json()).isEqualTo(new JsonObject().put("recorded", true)
                .put("labels", new JsonArray().add("live:showcase")).put("referral", null));
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(lead.json().getJsonArray("labels")).containsExactly("live:wecom-lead");
        JsonObject labels = live.host.get("/v1/stores/clicks/members/viewer-1/labels", key).json();
        assertThat(labels.getString("memberId")).isEqualTo("viewer-1");
        assertThat(labels.getJsonArray("labels")).hasSize(2);
        JsonObject showcase = labels.getJsonArray("labels").stream().map(JsonObject.class::cast)
                .filter(l -> l.getString("label").equals("live:showcase")).findFirst().orElseThrow();
        assertThat(showcase.getString("source")).isEqualTo("jump-click:" + PRODUCT);
        assertThat(showcase.getString("firstAppliedAt")).isNotBlank();
        assertThat(clicks("clicks", "viewer-1")).isEqualTo(3);
    }

    @Test
    void clickWithoutTokenResolvesTheTargetLastOfferedToTheViewer() {
        String key = live.store("untokened", Map.of(OFFICIAL_ACCOUNT, LiveHost.officialAccountConfig()));
        live.targets(key, "untokened", "room-1", "viewer-1", "sharer-1");

        Response click = live.click(key, "untokened", ARTICLE, "viewer-1", null);
        assertThat(click.status()).as(click.text()).isEqualTo(200);
        // no token, no proof of the share: no referral attempt
        assertThat(click.json().getValue("referral")).isNull();
        assertThat(live.click(key, "untokened", ARTICLE, "viewer-never-shown", null).status()).isEqualTo(404);
    }

    @Test
    void tokenlessClickFollowsTheRoomOfferedLastEvenWhenARoomIsPolledRepeatedly() throws SQLException {
        String key = live.store("rooms", Map.of(OFFICIAL_ACCOUNT, LiveHost.officialAccountConfig()));
        live.targets(key, "rooms", "room-1", "viewer-1", null);
        live.targets(key, "rooms", "room-1", "viewer-1", null);
        live.targets(key, "rooms", "room-2", "viewer-1", null);
        assertThat(live.click(key, "rooms", ARTICLE, "viewer-1", null).status()).isEqualTo(200);
        assertThat(live.lastClickedRoom("rooms", "viewer-1")).isEqualTo("room-2");

        // the same offers again, but room-1 is no longer the latest: it must become the latest again
        live.targets(key, "rooms", "room-1", "viewer-1", null);
        live.targets(key, "rooms", "room-1", "viewer-1", null);
        assertThat(live.click(key, "rooms", ARTICLE, "viewer-1", null).status()).isEqualTo(200);
        assertThat(live.lastClickedRoom("rooms", "viewer-1")).isEqualTo("room-1");
    }

    @Test
    void unknownTargetsAndTokensOfAnotherStoreAreNotFound() {
        String key = live.store("strict", Map.of(SHOWCASE, LiveHost.showcaseConfig()));
        String otherKey = live.store("strict-other", Map.of(SHOWCASE, LiveHost.showcaseConfig()));
        String token = token(live.targets(key, "strict", "room-1", "viewer-1", null));
        String otherToken = token(live.targets(otherKey, "strict-other", "room-1", "viewer-1", null));

        assertThat(live.click(key, "strict", SHOWCASE + ":product:NOPE", "viewer-1", token).status()).isEqualTo(404);
        assertThat(live.click(key, "strict", "product:SKU-1", "viewer-1", token).status()).isEqualTo(404);
        assertThat(live.click(key, "strict", PRODUCT, "viewer-1", otherToken).status()).isEqualTo(404);
        assertThat(live.click(key, "strict", PRODUCT, "viewer-1", token.toLowerCase()).status()).isEqualTo(404);
        assertThat(live.click(key, "strict", PRODUCT, "viewer-1", "not a token!").status()).isEqualTo(404);
        assertThat(live.click(key, "strict", PRODUCT, "viewer-1", token).status()).isEqualTo(200);
    }

    @Test
    void targetOfADisabledProviderIsNoLongerClickable() {
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        features.put(SHOWCASE, LiveHost.showcaseConfig());
        features.put(OFFICIAL_ACCOUNT, LiveHost.officialAccountConfig());
        String key = live.store("disabled", features);
        String token = token(live.targets(key, "disabled", "room-1", "viewer-1", null));

        assertThat(live.host.call("DELETE", "/v1/stores/disabled/features/" + OFFICIAL_ACCOUNT, live.merchant, null).status()).isEqualTo(204);

        Response gone = live.click(key, "disabled", ARTICLE, "viewer-1", token);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(live.click(key, "disabled", PRODUCT, "viewer-1", token).status()).isEqualTo(200);
    }

    @Test
    void sharedViewersClickInAStoreWithoutSchemeReportsNoScheme() {
        String key = live.store("noscheme", Map.of(SHOWCASE, LiveHost.showcaseConfig()));
        String token = token(live.targets(key, "noscheme", "room-1", "viewer-1", "sharer-1"));

        JsonObject referral = live.click(key, "noscheme", PRODUCT, "viewer-1", token).json().getJsonObject("referral");

        assertThat(referral).isEqualTo(new JsonObject().put("attempted", false).put("bound", false)
                .putNull("referrerId").put("reason", "NO_SCHEME"));
    }

    @Test
    void forwardedTokenLabelsTheClickerButAttemptsNoReferral() {
        String key = live.store("forwarded", Map.of(SHOWCASE, LiveHost.showcaseConfig()));
        String token = token(live.targets(key, "forwarded", "room-1", "viewer-1", "sharer-1"));

        Response click = live.click(key, "forwarded", PRODUCT, "viewer-2", token);

        assertThat(click.status()).isEqualTo(200);
        assertThat(click.json().getJsonObject("referral").getBoolean("attempted")).isFalse();
        assertThat(click.json().getJsonObject("referral").getString("reason")).isEqualTo("TOKEN_OF_ANOTHER_VIEWER");
        assertThat(live.host.get("/v1/stores/forwarded/members/viewer-2/labels", key).json().getJsonArray("labels")).hasSize(1);
    }

    /** Needs the host's ReferralBinder (the distribution domain); skipped in a build that wires none. */
    @Test
    void clickByAViewerSharedByMemberBindsTheSharerAsReferrerUnderTheStoresScheme() {
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        features.put(DISTRIBUTION, Map.of("bindingPolicy", "FIRST_TOUCH"));
        features.put(SHOWCASE, LiveHost.showcaseConfig());
        String key = live.store("referrals", features);
        String fromS = token(live.targets(key, "referrals", "room-1", "viewer-1", "member-S"));
        String fromT = token(live.targets(key, "referrals", "room-1", "viewer-1", "member-T"));

        JsonObject bound = live.click(key, "referrals", PRODUCT, "viewer-1", fromS).json().getJsonObject("referral");
        assumeThat(bound.getBoolean("attempted")).as("no ReferralBinder wired in this build: %s", bound).isTrue();

        assertThat(bound.getBoolean("bound")).as(bound.encode()).isTrue();
        assertThat(bound.getString("referrerId")).isEqualTo("member-S");
        JsonObject second = live.click(key, "referrals", PRODUCT, "viewer-1", fromT).json().getJsonObject("referral");
        // first touch: the scheme refuses the later sharer and S stays the referrer
        assertThat(second.getBoolean("attempted")).isTrue();
        assertThat(second.getBoolean("bound")).as(second.encode()).isFalse();
        assertThat(second.getString("referrerId")).isEqualTo("member-S");
    }

    @Test
    void onlyTheStoresOwnStorefrontClicksAndReadsLabels() {
        String key = live.store("roles", Map.of(SHOWCASE, LiveHost.showcaseConfig()));
        String otherKey = live.store("roles-other", Map.of());
        String token = token(live.targets(key, "roles", "room-1", "viewer-1", null));

        assertThat(live.click(live.merchant, "roles", PRODUCT, "viewer-1", token).status()).isEqualTo(403);
        assertThat(live.click(otherKey, "roles", PRODUCT, "viewer-1", token).status()).isEqualTo(404);
        assertThat(live.host.get("/v1/stores/roles/members/viewer-1/labels", otherKey).status()).isEqualTo(404);
        assertThat(live.host.get("/v1/stores/roles/members/nobody/labels", live.merchant).json())
                .isEqualTo(new JsonObject().put("memberId", "nobody").put("labels", new JsonArray()));
        Response unknownField = live.host.post("/v1/stores/roles/jump-clicks", key,
                Map.of("targetId", PRODUCT, "viewer", "viewer-1", "sharer", "x"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.errorCode()).isEqualTo("UNKNOWN_FIELD");
    }

    private int clicks(String storeId, String viewerId) throws SQLException {
        try (Connection c = live.host.mallkit().database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM jump_clicks WHERE store_id = ? AND viewer_id = ?")) {
            ps.setString(1, storeId);
            ps.setString(2, viewerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String token(JsonArray targets) {
        assertThat(targets).isNotEmpty();
        return targets.getJsonObject(0).getString("attributionToken");
    }
}
