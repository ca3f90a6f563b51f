package dev.mallkit.api.live;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One place a viewer can jump to.
 *
 * @param id         stable within the plugin and store, [A-Za-z0-9._:-]{1,64}; the host prefixes it with the plugin id
 * @param type       the kind of target
 * @param label      the button text shown to the viewer
 * @param attributes type-specific fields, e.g. {@code appid}, {@code path}, {@code query},
 *                   {@code urlScheme}, {@code url}, {@code customerChannel}
 * @param labels     labels a click applies to the viewer, e.g. {@code live:interested}
 */
public record JumpTarget(String id, JumpTargetType type, String label, Map<String, String> attributes, List<String> labels) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public JumpTarget {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(label, "label is null");
        attributes = Map.copyOf(requireNonNull(attributes, "attributes is null"));
        labels = List.copyOf(requireNonNull(labels, "labels is null"));
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("target id must match [A-Za-z0-9._:-]{1,64}: " + id);
        }
    }
}
