package dev.mallkit.host.live;

import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.JumpTargetType;
import dev.mallkit.host.live.TargetMerge.Contribution;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetMergeTest {

    @Test
    void sameDestinationWithAnotherViewerQueryIsADuplicate() {
        List<OfferedTarget> merged = TargetMerge.merge(List.of(
                new Contribution("a", List.of(link("x", "https://work.weixin.qq.com/ca/c1?customer_channel=t1"))),
                new Contribution("b", List.of(link("y", "https://work.weixin.qq.com/ca/c1?customer_channel=other"),
                        link("z", "https://work.weixin.qq.com/ca/c2?customer_channel=t1")))));

        assertThat(merged).extracting(OfferedTarget::id).containsExactly("a:x", "b:z");
    }

    @Test
    void sameAttributesUnderAnotherTypeAreNotDuplicates() {
        List<OfferedTarget> merged = TargetMerge.merge(List.of(new Contribution("a", List.of(
                new JumpTarget("1", JumpTargetType.OFFICIAL_ACCOUNT_ARTICLE, "l", Map.of("url", "u"), List.of()),
                new JumpTarget("2", JumpTargetType.WECOM_ACQUISITION_LINK, "l", Map.of("url", "u"), List.of())))));

        assertThat(merged).hasSize(2);
    }

    @Test
    void pagesDifferByAppidAndPathNotByQuery() {
        List<OfferedTarget> merged = TargetMerge.merge(List.of(
                new Contribution("a", List.of(page("1", "wx1", "p", "q=1"), page("2", "wx1", "p2", "q=1"))),
                new Contribution("b", List.of(page("1", "wx1", "p", "q=2"), page("3", "wx2", "p", "q=1")))));

        assertThat(merged).extracting(OfferedTarget::id).containsExactly("a:1", "a:2", "b:3");
    }

    @Test
    void repeatedIdOfOnePluginKeepsTheFirst() {
        List<OfferedTarget> merged = TargetMerge.merge(List.of(new Contribution("a", List.of(
                page("1", "wx1", "p", ""), page("1", "wx1", "other", "")))));

        assertThat(merged).extracting(o -> o.target().attributes().get("path")).containsExactly("p");
    }

    @Test
    void hostFieldsWinOverAttributesOfTheSameNameAndMalformedLabelsAreLeftOut() {
        OfferedTarget offered = new OfferedTarget("a", new JumpTarget("1", JumpTargetType.WECOM_CONTACT, "Add us",
                Map.of("id", "spoofed", "configId", "c1"), List.of("ok:label", "not a label")));

        assertThat(offered.toJson("tok").getString("id")).isEqualTo("a:1");
        assertThat(offered.toJson("tok").getString("configId")).isEqualTo("c1");
        assertThat(offered.labels()).containsExactly("ok:label");
    }

    private static JumpTarget link(String id, String url) {
        return new JumpTarget(id, JumpTargetType.WECOM_ACQUISITION_LINK, "link", Map.of("url", url), List.of());
    }

    private static JumpTarget page(String id, String appid, String path, String query) {
        return new JumpTarget(id, JumpTargetType.MINI_PROGRAM_PAGE, "page", Map.of("appid", appid, "path", path, "query", query), List.of());
    }
}
