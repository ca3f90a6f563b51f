package dev.mallkit.host.live;

import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.JumpTargetType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the targets of a store's providers, in the store's order, dropping duplicates: a target
 * whose type and destination match an earlier one's (or whose prefixed id repeats) is dropped, the
 * first wins. The destination is the attribute that names where the viewer lands; viewer-specific
 * parts such as a query or a {@code customer_channel} do not make two targets different.
 */
final class TargetMerge {
    /** Per type, the attributes naming the destination; types not listed compare all attributes. */
    private static final Map<JumpTargetType, List<String>> DESTINATION = Map.of(
            JumpTargetType.SHOWCASE_PRODUCT, List.of("sku"),
            JumpTargetType.MINI_PROGRAM_PAGE, List.of("appid", "path"),
            JumpTargetType.OFFICIAL_ACCOUNT_ARTICLE, List.of("url"),
            JumpTargetType.OFFICIAL_ACCOUNT_PROFILE, List.of("accountId"),
            JumpTargetType.WECOM_CONTACT, List.of("configId"),
            JumpTargetType.WECOM_ACQUISITION_LINK, List.of("url"));

    /** One provider's answer. */
    record Contribution(String pluginId, List<JumpTarget> targets) {
        Contribution {
            targets = List.copyOf(targets);
        }
    }

    private TargetMerge() {
    }

    /** @return the merged targets; {@code contributions} are in the store's order */
    static List<OfferedTarget> merge(List<Contribution> contributions) {
        List<OfferedTarget> merged = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<List<Object>> destinations = new HashSet<>();
        for (Contribution contribution : contributions) {
            for (JumpTarget target : contribution.targets()) {
                OfferedTarget offered = new OfferedTarget(contribution.pluginId(), target);
                if (ids.contains(offered.id()) || !destinations.add(List.of(target.type(), destination(target)))) {
                    continue;
                }
                ids.add(offered.id());
                merged.add(offered);
            }
        }
        return merged;
    }

    /** @return the attributes that say where {@code target} leads */
    static Map<String, String> destination(JumpTarget target) {
        List<String> names = DESTINATION.get(target.type());
        if (names == null || !target.attributes().keySet().containsAll(names)) {
            return new TreeMap<>(target.attributes());
        }
        Map<String, String> out = new TreeMap<>();
        // a link's query carries the viewer's attribution; the link itself is the destination
        names.forEach(name -> out.put(name, name.equals("url") ? withoutQuery(target.attributes().get(name)) : target.attributes().get(name)));
        return out;
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
