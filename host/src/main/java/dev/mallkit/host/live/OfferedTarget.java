package dev.mallkit.host.live;

import dev.mallkit.api.live.JumpTarget;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * A target as the host offers it: the provider's target under the id {@code pluginId:targetId}, so a
 * click resolves back to the plugin that offered it.
 *
 * @param pluginId the plugin that offered it
 * @param target   the provider's target
 */
public record OfferedTarget(String pluginId, JumpTarget target) {
    /** Fields the host writes; an attribute of the same name cannot replace them. */
    private static final Set<String> HOST_FIELDS = Set.of("id", "type", "label", "labels", "pluginId", "attributionToken");

    public OfferedTarget {
        requireNonNull(pluginId, "pluginId is null");
        requireNonNull(target, "target is null");
    }

    /** @return the id a click names */
    public String id() {
        return pluginId + ":" + target.id();
    }

    /** @return the target's labels a host can store; a malformed one is left out rather than failing the click */
    public List<String> labels() {
        return target.labels().stream().filter(l -> MemberLabels.LABEL.matcher(l).matches()).toList();
    }

    /** @return the contract's {@code {id, type, label, ...attributes, labels}} plus the plugin id and the token */
    public JsonObject toJson(String attributionToken) {
        JsonObject out = new JsonObject().put("id", id()).put("type", target.type().name()).put("label", target.label());
        new TreeMap<>(target.attributes()).forEach((name, value) -> {
            if (!HOST_FIELDS.contains(name)) {
                out.put(name, value);
            }
        });
        return out.put("labels", new JsonArray(labels())).put("pluginId", pluginId).put("attributionToken", attributionToken);
    }

    /** @return what a click needs later: the id, the plugin and the labels */
    JsonObject toOffer() {
        return new JsonObject().put("id", id()).put("pluginId", pluginId).put("labels", new JsonArray(labels()));
    }
}
