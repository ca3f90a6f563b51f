package dev.mallkit.host.live;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.mallkit.host.live.LiveHost.OFFICIAL_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two hosts on one database whose event bus reaches both (one Vert.x here, a clustered one in cluster mode):
 * a host that remembers a viewer's latest room learns that another host offered the viewer another room.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class JumpTargetsAcrossHostsTest {
    private static final String ARTICLE = OFFICIAL_ACCOUNT + ":official-account-article";

    @Parameter
    DbKind kind;

    static LiveHost first;
    static TestHost second;

    @BeforeParameterizedClassInvocation
    static void start(DbKind kind) {
        first = LiveHost.startClusterable(kind);
        second = first.beside();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        try {
            if (second != null) {
                second.close();
            }
        } finally {
            if (first != null) {
                first.close();
            }
        }
    }

    @Test
    void pollingARoomOnOneHostFollowsARoomOfferedOnAnotherHostInTokenlessClicks() throws SQLException, InterruptedException {
        String key = first.store("hosts", Map.of(OFFICIAL_ACCOUNT, LiveHost.officialAccountConfig()));
        first.targets(key, "hosts", "room-1", "viewer-1", null);
        first.targets(key, "hosts", "room-1", "viewer-1", null);
        assertThat(second.get("/v1/stores/hosts/live-rooms/room-2/jump-targets?viewer=viewer-1", key).status()).isEqualTo(200);
        assertThat(first.click(key, "hosts", ARTICLE, "viewer-1", null).status()).isEqualTo(200);
        assertThat(first.lastClickedRoom("hosts", "viewer-1")).isEqualTo("room-2");

        // the first host remembered room-1 as the latest: polling it again must make it the latest again, once the
        // second host's announcement arrived (delivery is asynchronous, hence the bounded retry)
        long deadline = System.nanoTime() + 5_000_000_000L;
        String clicked;
        do {
            first.targets(key, "hosts", "room-1", "viewer-1", null);
            assertThat(first.click(key, "hosts", ARTICLE, "viewer-1", null).status()).isEqualTo(200);
            clicked = first.lastClickedRoom("hosts", "viewer-1");
        } while (!clicked.equals("room-1") && System.nanoTime() < deadline && sleep());
        assertThat(clicked).isEqualTo("room-1");
    }

    @Test
    void bothHostsServeATupleOneTokenAndEitherResolvesItsClicks() {
        String key = first.store("changes", Map.of(OFFICIAL_ACCOUNT, LiveHost.officialAccountConfig()));
        String token = first.targets(key, "changes", "room-1", "viewer-1", null).getJsonObject(0).getString("attributionToken");
        first.targets(key, "changes", "room-1", "viewer-1", null);

        assertThat(second.get("/v1/stores/changes/live-rooms/room-1/jump-targets?viewer=viewer-1", key).array()
                .getJsonObject(0).getString("attributionToken")).isEqualTo(token);
        assertThat(second.post("/v1/stores/changes/jump-clicks", key,
                Map.of("targetId", ARTICLE, "viewer", "viewer-1", "token", token)).status()).isEqualTo(200);
        assertThat(first.click(key, "changes", ARTICLE, "viewer-1", token).status()).isEqualTo(200);
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }
}
