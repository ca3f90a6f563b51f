package dev.mallkit.host.distribution;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The referral tree through the host: refusals, each binding policy, subtree moves and team counts. */
@ParameterizedClass
@EnumSource(DbKind.class)
class ReferralTreeTest {
    @Parameter
    DbKind kind;

    DistributionHost d;

    @AfterEach
    void stop() {
        if (d != null) {
            d.close();
        }
    }

    private void start(String policy) {
        d = DistributionHost.start(kind, new JsonObject().put("bindingPolicy", policy).put("bindingDays", 30).put("registerWindowMinutes", 30));
    }

    @Test
    void selfReferralAndLoopsThroughAnyAncestorAreRefused() {
        start("LAST_TOUCH");
        assertThat(d.refer("b", "a").getBoolean("bound")).isTrue();
        assertThat(d.refer("c", "b").getBoolean("bound")).isTrue();
        assertThat(d.refer("d", "c").getBoolean("bound")).isTrue();

        assertThat(d.refer("a", "a")).isEqualTo(new JsonObject().put("bound", false).putNull("referrerId").put("reason", "SELF_REFERRAL"));
        // a under d would close a -> b -> c -> d -> a; so would b under d
        assertThat(d.refer("a", "d")).isEqualTo(new JsonObject().put("bound", false).putNull("referrerId").put("reason", "LOOP"));
        assertThat(d.refer("b", "d")).isEqualTo(new JsonObject().put("bound", false).put("referrerId", "a").put("reason", "LOOP"));
        assertThat(d.team("d").getJsonArray("upline")).isEqualTo(new JsonArray().add("c").add("b").add("a"));
    }

    @Test
    void lastTouchMovesTheWholeSubtreeAndKeepsHistory() throws Exception {
        start("LAST_TOUCH");
        d.refer("b", "a");
        d.refer("c", "b");
        d.refer("d", "c");
        d.refer("e", "c");
        d.refer("y", "x");
        assertThat(d.team("a")).isEqualTo(new JsonObject().put("memberId", "a").put("directCount", 1).put("downlineSize", 4).put("upline", new JsonArray()));

        JsonObject moved = d.refer("c", "y");
        assertThat(moved).isEqualTo(new JsonObject().put("bound", true).put("referrerId", "y").put("reason", "LAST_TOUCH_REBINDS"));
        assertThat(d.team("a").getLong("downlineSize")).isEqualTo(1);
        assertThat(d.team("x").getLong("downlineSize")).isEqualTo(4);
        assertThat(d.team("c")).isEqualTo(new JsonObject().put("memberId", "c").put("directCount", 2).put("downlineSize", 2)
                .put("upline", new JsonArray().add("y").add("x")));
        assertThat(d.team("e").getJsonArray("upline")).isEqualTo(new JsonArray().add("c").add("y").add("x"));

        try (var c = d.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT referrer_id, replaced_referrer_id, source FROM referral_history WHERE member_id = 'c' ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("b");
            assertThat(rs.getString(2)).isNull();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("y");
            assertThat(rs.getString(2)).isEqualTo("b");
            assertThat(rs.getString(3)).isEqualTo("share-link");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void bindingAnUnboundMemberWithADownlineCarriesTheDownline() {
        start("FIRST_TOUCH");
        d.refer("c", "b");
        d.refer("d", "c");
        assertThat(d.refer("b", "a").getBoolean("bound")).isTrue();
        assertThat(d.team("d").getJsonArray("upline")).isEqualTo(new JsonArray().add("c").add("b").add("a"));
        assertThat(d.team("a").getLong("downlineSize")).isEqualTo(3);
    }

    @Test
    void firstTouchKeepsTheFirstReferrer() {
        start("FIRST_TOUCH");
        assertThat(d.refer("b", "a")).isEqualTo(new JsonObject().put("bound", true).put("referrerId", "a").put("reason", "FIRST_BINDING"));
        assertThat(d.refer("b", "z")).isEqualTo(new JsonObject().put("bound", false).put("referrerId", "a").put("reason", "FIRST_TOUCH_KEEPS_EXISTING"));
        assertThat(d.team("z").getLong("downlineSize")).isZero();
    }

    @Test
    void expiringBindingIsReplacedOnlyAfterItsDays() throws Exception {
        start("EXPIRING");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(d.bindAt("b", "a", t0).bound()).isTrue();
        assertThat(d.bindAt("b", "z", t0.plus(Duration.ofDays(29))))
                .isEqualTo(new ReferralBinder.Outcome(false, "a", "BINDING_NOT_EXPIRED"));
        assertThat(d.bindAt("b", "z", t0.plus(Duration.ofDays(31))))
                .isEqualTo(new ReferralBinder.Outcome(true, "z", "EXPIRED_BINDING_REPLACED"));
    }

    @Test
    void registerOnlyBindsWithinTheWindowAfterFirstSeen() throws Exception {
        start("REGISTER_ONLY");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        // the first attempt is the member's first sighting, so it lies inside the window
        assertThat(d.bindAt("b", "a", t0)).isEqualTo(new ReferralBinder.Outcome(true, "a", "WITHIN_REGISTER_WINDOW"));
        assertThat(d.bindAt("c", "a", t0).bound()).isTrue();
        assertThat(d.bindAt("c", "z", t0.plus(Duration.ofMinutes(5)))).isEqualTo(new ReferralBinder.Outcome(false, "a", "REGISTER_ONLY_KEEPS_EXISTING"));
        // x is first seen at t0 as y's referrer; its own binding 31 minutes later is outside the window
        assertThat(d.bindAt("y", "x", t0).bound()).isTrue();
        assertThat(d.bindAt("x", "a", t0.plus(Duration.ofMinutes(31)))).isEqualTo(new ReferralBinder.Outcome(false, null, "OUTSIDE_REGISTER_WINDOW"));
    }

    @Test
    void withoutASchemeNothingBinds() {
        start("FIRST_TOUCH");
        assertThat(d.host.call("DELETE", "/v1/stores/s1/features/distribution-classic", d.merchant, null).status()).isIn(200, 204);
        assertThat(d.refer("b", "a")).isEqualTo(new JsonObject().put("bound", false).putNull("referrerId").put("reason", "NO_SCHEME"));
    }

    @Test
    void adminSetsThePolicyWithinItsBounds() {
        start("FIRST_TOUCH");
        String path = "/v1/admin/distribution-policy";
        assertThat(d.host.get(path, TestHost.ADMIN_TOKEN).json()).isEqualTo(new JsonObject().put("maxLevels", 2).put("maxTotalRateBps", 3000));
        Response tooDeep = d.host.call("PUT", path, TestHost.ADMIN_TOKEN, Map.of("maxLevels", 4, "maxTotalRateBps", 3000));
        assertThat(tooDeep.status()).isEqualTo(400);
        assertThat(tooDeep.errorCode()).isEqualTo("FIELD_INVALID");
        assertThat(d.host.call("PUT", path, d.merchant, Map.of("maxLevels", 1, "maxTotalRateBps", 1000)).status()).isEqualTo(403);
        Response ok = d.host.call("PUT", path, TestHost.ADMIN_TOKEN, Map.of("maxLevels", 3, "maxTotalRateBps", 2000));
        assertThat(ok.json()).isEqualTo(new JsonObject().put("maxLevels", 3).put("maxTotalRateBps", 2000));
        assertThat(d.host.get(path, TestHost.ADMIN_TOKEN).json()).isEqualTo(ok.json());
    }

    @Test
    void aSchemeConfigBeyondThePlatformPolicyIsRefusedNotCut() {
        start("FIRST_TOUCH");
        String feature = "/v1/stores/s1/features/distribution-classic";
        Response tooDeep = d.host.call("PUT", feature, d.merchant,
                Map.of("version", "1.0.0", "config", Map.of("levelRatesBps", java.util.List.of(1000, 500, 200))));
        assertThat(tooDeep.status()).as(tooDeep.text()).isEqualTo(400);
        assertThat(tooDeep.errorCode()).isEqualTo("CONFIG_INVALID");
        assertThat(tooDeep.text()).contains("3 commission levels", "at most 2");
        Response tooRich = d.host.call("PUT", feature, d.merchant,
                Map.of("version", "1.0.0", "config", Map.of("levelRatesBps", java.util.List.of(2500, 1000))));
        assertThat(tooRich.status()).as(tooRich.text()).isEqualTo(400);
        assertThat(tooRich.text()).contains("3500 bp", "at most 3000 bp");
        // the same three levels pass once the admin allows them
        d.host.call("PUT", "/v1/admin/distribution-policy", TestHost.ADMIN_TOKEN, Map.of("maxLevels", 3, "maxTotalRateBps", 3000));
        assertThat(d.host.call("PUT", feature, d.merchant,
                Map.of("version", "1.0.0", "config", Map.of("levelRatesBps", java.util.List.of(1000, 500, 200)))).status()).isEqualTo(200);
    }
}
