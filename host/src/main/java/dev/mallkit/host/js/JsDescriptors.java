package dev.mallkit.host.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mallkit.api.MallkitApi;
import dev.mallkit.api.PluginDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parses {@value MallkitApi#DESCRIPTOR_RESOURCE}: the fields of {@link PluginDescriptor}, configSchema as a JSON object. */
final class JsDescriptors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = MallkitApi.DESCRIPTOR_RESOURCE;

    private JsDescriptors() {
    }

    static PluginDescriptor parse(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new JsPackageException(FILE, 0, "not valid JSON: " + JsErrors.truncate(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new JsPackageException(FILE, 0, "must be a JSON object");
        }
        JsonNode schema = root.path("configSchema");
        if (!schema.isMissingNode() && !schema.isObject()) {
            throw new JsPackageException(FILE, 0, "configSchema must be a JSON object");
        }
        try {
            return new PluginDescriptor(
                    text(root, "id"),
                    text(root, "version"),
                    text(root, "provider"),
                    text(root, "requires"),
                    strings(root, "extensionPoints"),
                    schema.isMissingNode() ? "{\"type\":\"object\"}" : schema.toString(),
                    root.path("description").asText(""),
                    strings(root, "dependencies"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new JsPackageException(FILE, 0, e.getMessage(), e);
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new JsPackageException(FILE, 0, field + " must be a string");
        }
        return node.asText();
    }

    private static List<String> strings(JsonNode root, String field) {
        JsonNode node = root.path(field);
        if (node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new JsPackageException(FILE, 0, field + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new JsPackageException(FILE, 0, field + " must be an array of strings");
            }
            values.add(item.asText());
        }
        return values;
    }
}
