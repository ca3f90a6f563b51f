package dev.mallkit.plugins.distributionclassic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallkit.api.distribution.BindingDecision;
import dev.mallkit.api.distribution.BindingRequest;
import dev.mallkit.api.distribution.CurrentBinding;
import dev.mallkit.testkit.TestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindingPolicyTest {
    private static final Instant T0 = TestContext.EPOCH;

    private final ClassicDistributionScheme scheme = new ClassicDistributionScheme();

    private BindingDecision attempt(Map<String, Object> config, Instant at, Instant firstSeen, CurrentBinding current) {
        var ctx = TestContext.forStore("s1").withConfig(config).at(at);
        return scheme.bind(ctx, new BindingRequest("member", "newcomer", "share-link", at, firstSeen, current));
    }

    private static CurrentBinding boundTo(String referrer, Instant at) {
        return new CurrentBinding(referrer, "share-link", at);
    }

    @Test
    void firstTouchBindsAnUnboundMemberAndKeepsTheExistingReferrer() {
        assertThat(attempt(Map.of(), T0, T0, null)).isEqualTo(BindingDecision.bind("FIRST_BINDING"));
        assertThat(attempt(Map.of(), T0.plus(Duration.ofDays(400)), T0, boundTo("alice", T0)))
                .isEqualTo(BindingDecision.refuse("FIRST_TOUCH_KEEPS_EXISTING"));
    }

    @Test
    void lastTouchAlwaysRebinds() {
        var config = Map.<String, Object>of("bindingPolicy", "LAST_TOUCH");

        assertThat(attempt(config, T0.plusSeconds(60), T0, boundTo("alice", T0))).isEqualTo(BindingDecision.bind("LAST_TOUCH_REBINDS"));
        assertThat(attempt(config, T0, T0, null).bind()).isTrue();
    }

    @Test
    void theCurrentReferrerNeverRebinds() {
        var config = Map.<String, Object>of("bindingPolicy", "LAST_TOUCH");

        assertThat(attempt(config, T0.plusSeconds(60), T0, boundTo("newcomer", T0)))
                .isEqualTo(BindingDecision.refuse("ALREADY_BOUND_TO_REFERRER"));
    }

    @Test
    void expiringBindingProtectsTheMemberForBindingDaysThenMayBeReplaced() {
        var config = Map.<String, Object>of("bindingPolicy", "EXPIRING", "bindingDays", 15);
        var current = boundTo("alice", T0);

        assertThat(attempt(config, T0.plus(Duration.ofDays(15)).minusSeconds(1), T0, current))
                .isEqualTo(BindingDecision.refuse("BINDING_NOT_EXPIRED"));
        assertThat(attempt(config, T0.plus(Duration.ofDays(15)), T0, current))
                .isEqualTo(BindingDecision.bind("EXPIRED_BINDING_REPLACED"));
        assertThat(attempt(config, T0, T0, null)).isEqualTo(BindingDecision.bind("FIRST_BINDING"));
    }

    @Test
    void registerOnlyBindsANewMemberWithinTheWindow() {
        var config = Map.<String, Object>of("bindingPolicy", "REGISTER_ONLY", "registerWindowMinutes", 10);

        assertThat(attempt(config, T0.plus(Duration.ofMinutes(10)), T0, null))
                .isEqualTo(BindingDecision.bind("WITHIN_REGISTER_WINDOW"));
        assertThat(attempt(config, T0.plus(Duration.ofMinutes(10)).plusSeconds(1), T0, null))
                .isEqualTo(BindingDecision.refuse("OUTSIDE_REGISTER_WINDOW"));
    }

    @Test
    void registerOnlyNeverReplacesAReferrer() {
        var config = Map.<String, Object>of("bindingPolicy", "REGISTER_ONLY");

        assertThat(attempt(config, T0.plusSeconds(5), T0, boundTo("alice", T0)))
                .isEqualTo(BindingDecision.refuse("REGISTER_ONLY_KEEPS_EXISTING"));
    }
}
