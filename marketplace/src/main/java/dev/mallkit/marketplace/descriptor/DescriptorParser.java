package dev.mallkit.marketplace.descriptor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mallkit.api.MallkitApi;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.marketplace.finding.Finding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@value MallkitApi#DESCRIPTOR_RESOURCE}: the same field names as {@link PluginDescriptor},
 * with {@code configSchema} a JSON object (kept as JSON text in the descriptor) that must be a
 * valid draft 2020-12 schema of an object.
 */
public final class DescriptorParser {
    static final String CHECK = "descriptor";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BYTES = 256 * 1024;

    private final SchemaCheck schemaCheck = new SchemaCheck();

    /** @return the descriptor and every problem found in it */
    public DescriptorResult parse(byte[] json) {
        if (json.length > MAX_BYTES) {
            return invalid("DESCRIPTOR_INVALID", "the descriptor is larger than " + MAX_BYTES + " bytes", "$");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return invalid("DESCRIPTOR_INVALID", "not JSON: " + e.getOriginalMessage(), "$");
        } catch (IOException e) {
            return invalid("DESCRIPTOR_INVALID", "unreadable: " + e.getMessage(), "$");
        }
        if (root == null || !root.isObject()) {
            return invalid("DESCRIPTOR_INVALID", "the descriptor must be a JSON object", "$");
        }
        List<Finding> findings = new ArrayList<>();
        JsonNode schema = root.path("configSchema");
        if (!schema.isObject()) {
            findings.add(blocking("DESCRIPTOR_INVALID", "configSchema must be a JSON object", "$.configSchema"));
        } else {
            findings.addAll(schemaCheck.check(schema));
        }
        try {
            PluginDescriptor descriptor = new PluginDescriptor(text(root, "id"), text(root, "version"), text(root, "provider"),
                    root.path("requires").asText(">=1.0.0 & <2.0.0"), strings(root, "extensionPoints", new ArrayList<>()),
                    schema.isObject() ? schema.toString() : "{}", root.path("description").asText(""),
                    strings(root, "dependencies", findings));
            return new DescriptorResult(Optional.of(descriptor), findings);
        } catch (IllegalArgumentException | NullPointerException e) {
            findings.add(blocking("DESCRIPTOR_INVALID", e.getMessage(), "$"));
            return new DescriptorResult(Optional.empty(), findings);
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return node.asText();
    }

    private static List<String> strings(JsonNode root, String field, List<Finding> findings) {
        JsonNode node = root.path(field);
        List<String> values = new ArrayList<>();
        if (node.isMissingNode()) {
            return values;
        }
        if (!node.isArray()) {
            findings.add(blocking("DESCRIPTOR_INVALID", field + " must be an array of strings", "$." + field));
            return values;
        }
        node.forEach(item -> values.add(item.asText()));
        return values;
    }

    private static DescriptorResult invalid(String code, String message, String location) {
        return new DescriptorResult(Optional.empty(), List.of(blocking(code, message, location)));
    }

    static Finding blocking(String code, String message, String location) {
        return Finding.blocking(CHECK, code, message, location);
    }
}
