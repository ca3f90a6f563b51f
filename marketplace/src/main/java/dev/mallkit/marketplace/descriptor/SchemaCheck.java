package dev.mallkit.marketplace.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.mallkit.marketplace.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks that a configuration schema is a valid, self-contained JSON Schema 2020-12 of an object. */
final class SchemaCheck {
    static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final JsonSchema META_SCHEMA = FACTORY.getSchema(SchemaLocation.of(DRAFT_2020_12));

    List<Finding> check(JsonNode schema) {
        List<Finding> findings = new ArrayList<>();
        JsonNode declared = schema.get("$schema");
        if (declared != null && !DRAFT_2020_12.equals(declared.asText())) {
            findings.add(invalid("configSchema must be draft 2020-12, not " + declared.asText(), "$.configSchema.$schema"));
        }
        if (!"object".equals(schema.path("type").asText())) {
            findings.add(invalid("configSchema must describe an object (\"type\": \"object\")", "$.configSchema.type"));
        }
        List<String> remote = new ArrayList<>();
        findRemoteReferences(schema, "$.configSchema", remote);
        // a remote $ref would make the marketplace and every host fetch URLs chosen by the provider
        remote.forEach(path -> findings.add(DescriptorParser.blocking("DESCRIPTOR_SCHEMA_REMOTE_REF",
                "configSchema may only reference itself (\"#...\")", path)));
        if (!remote.isEmpty()) {
            return findings;
        }
        for (ValidationMessage message : META_SCHEMA.validate(schema)) {
            findings.add(invalid(message.getMessage(), "$.configSchema" + message.getInstanceLocation().toString().substring(1)));
        }
        if (findings.isEmpty()) {
            try {
                FACTORY.getSchema(schema).validate(JsonNodeFactory.instance.objectNode());
            } catch (RuntimeException e) {
                findings.add(invalid("configSchema does not compile: " + e.getMessage(), "$.configSchema"));
            }
        }
        return findings;
    }

    private static void findRemoteReferences(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                boolean reference = key.equals("$ref") || key.equals("$dynamicRef") || key.equals("$id");
                if (reference && field.getValue().isTextual() && !field.getValue().asText().startsWith("#")) {
                    out.add(path + "." + key);
                }
                findRemoteReferences(field.getValue(), path + "." + key, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findRemoteReferences(node.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static Finding invalid(String message, String location) {
        return DescriptorParser.blocking("DESCRIPTOR_SCHEMA_INVALID", message, location);
    }
}
