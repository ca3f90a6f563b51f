package dev.mallkit.host.live;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemberLabelsTest {
    @Test
    void isLabelAgreesWithThePatternOnEdgesAndOnRandomStrings() {
        for (String label : new String[] {"", "a", "live:interested", "a.b_c-d:9", "x".repeat(64), "x".repeat(65), "has space", "中文",
                "tab\t", "slash/", "A-Z", "é", "~"}) {
            assertThat(MemberLabels.isLabel(label)).as(label).isEqualTo(MemberLabels.LABEL.matcher(label).matches());
        }
        Random random = new Random(7);
        String alphabet = "aZ09:._-/ \u00e9\u4e2d@~`[]^";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder label = new StringBuilder();
            for (int n = random.nextInt(70); n > 0; n--) {
                label.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : (char) random.nextInt(0x80));
            }
            assertThat(MemberLabels.isLabel(label.toString())).as(label.toString()).isEqualTo(MemberLabels.LABEL.matcher(label).matches());
        }
    }
}
