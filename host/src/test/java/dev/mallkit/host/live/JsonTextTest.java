package dev.mallkit.host.live;

import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.JumpTargetType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTest {
    private static final String AWKWARD = "quote \" backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007 unit \u001f"
            + " del \u007f é 直播 😀 \u2028";

    @Test
    void stringsAreEscapedExactlyAsJacksonEscapesThem() {
        String text = new JsonText().open('[').value(AWKWARD).value(null).value("").close(']').toString();

        assertThat(text).isEqualTo(new JsonArray().add(AWKWARD).addNull().add("").encode());
        assertThat(new JsonArray(text).getString(0)).isEqualTo(AWKWARD);
    }

    @Test
    void targetIsRenderedAsTheContractsObjectWithSortedAttributesNoneReplacingAHostField() {
        OfferedTarget target = new OfferedTarget("p", new JumpTarget("t1", JumpTargetType.MINI_PROGRAM_PAGE, AWKWARD,
                Map.of("path", "pages/x", "appid", "wx1", "id", "forged", "labels", "forged", "query", AWKWARD),
                List.of("live:a", "not a label!", "live:b")));

        JsonObject expected = new JsonObject().put("id", "p:t1").put("type", "MINI_PROGRAM_PAGE").put("label", AWKWARD)
                .put("appid", "wx1").put("path", "pages/x").put("query", AWKWARD)
                .put("labels", new JsonArray().add("live:a").add("live:b")).put("pluginId", "p").put("attributionToken", "tok");
        assertThat(target.toJson("tok").encode()).isEqualTo(expected.encode());

        JsonText offers = new JsonText().open('[');
        target.writeOffer(offers);
        target.writeOffer(offers);
        JsonObject offer = new JsonObject().put("id", "p:t1").put("pluginId", "p")
                .put("labels", new JsonArray().add("live:a").add("live:b"));
        assertThat(offers.close(']').toString()).isEqualTo(new JsonArray().add(offer).add(offer).encode());
    }
}
