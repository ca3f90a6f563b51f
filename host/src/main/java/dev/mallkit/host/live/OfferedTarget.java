package dev.mallkit.host.live;

import dev.mallkit.api.live.JumpTarget;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.Arrays;
import java.util.Map;

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
        return target.labels().stream().filter(MemberLabels::isLabel).toList();
    }

    /** @return the contract's {@code {id, type, label, ...attributes, labels}} plus the plugin id and the token */
    public JsonObject toJson(String attributionToken) {
        JsonText out = new JsonText();
        write(out, attributionToken);
        return new JsonObject(out.toString());
    }

    /** Writes {@link #toJson} into {@code out}: attributes in name order, none replacing a host field. */
    void write(JsonText out, String attributionToken) {
        out.open('{').field("id", id()).field("type", target.type().name()).field("label", target.label());
        Map<String, String> attributes = target.attributes();
        String[] names = attributes.keySet().toArray(String[]::new);
        Arrays.sort(names);
        for (String name : names) {
            if (!HOST_FIELDS.contains(name)) {
                out.field(name, attributes.get(name));
            }
        }
        writeLabels(out);
        out.field("pluginId", pluginId).field("attributionToken", attributionToken).close('}');
    }

    /** Writes what a click needs later: the id, the plugin and the labels. */
    void writeOffer(JsonText out) {
        out.open('{').field("id", id()).field("pluginId", pluginId);
        writeLabels(out);
        out.close('}');
    }

    private void writeLabels(JsonText out) {
        out.name("labels").open('[');
        for (String label : target.labels()) {
            if (MemberLabels.isLabel(label)) {
                out.value(label);
            }
        }
        out.close(']');
    }
}
