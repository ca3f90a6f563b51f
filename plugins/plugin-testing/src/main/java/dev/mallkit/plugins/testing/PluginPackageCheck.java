package dev.mallkit.plugins.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.mallkit.api.MallkitApi;
import dev.mallkit.api.PluginDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plugin module's {@value MallkitApi#DESCRIPTOR_RESOURCE} as the host and marketplace read it:
 * exactly the fields of {@link PluginDescriptor}, {@code configSchema} embedded as a JSON Schema
 * 2020-12 object that is itself valid against the meta-schema and closed
 * ({@code additionalProperties: false}) with a description on every option; and the plugin class
 * listed in PF4J's {@code META-INF/extensions.idx}.
 *
 * <pre>{@code
 * var check = PluginPackageCheck.of(MyProvider.class);
 * assertThat(check.schemaErrors(Map.of("appid", "wx..."))).isEmpty();
 * }</pre>
 */
public final class PluginPackageCheck {
    private static final String EXTENSION_INDEX = "META-INF/extensions.idx";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final PluginDescriptor descriptor;
    private final JsonNode schemaNode;
    private final JsonSchema schema;

    private PluginPackageCheck(PluginDescriptor descriptor, JsonNode schemaNode) {
        this.descriptor = descriptor;
        this.schemaNode = schemaNode;
        this.schema = SCHEMAS.getSchema(schemaNode);
    }

    /**
     * Reads the descriptor next to {@code pluginClass} and asserts its shape.
     *
     * @return the check, for schema validation of sample configurations
     */
    public static PluginPackageCheck of(Class<?> pluginClass) {
        assertThat(extensionIndexes(pluginClass)).as("PF4J extension index").contains(pluginClass.getName());
        JsonNode root;
        try {
            root = JSON.readTree(resource(pluginClass, MallkitApi.DESCRIPTOR_RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> expected = Arrays.stream(PluginDescriptor.class.getRecordComponents()).map(c -> c.getName()).toList();
        List<String> actual = new ArrayList<>();
        root.fieldNames().forEachRemaining(actual::add);
        assertThat(actual).as("descriptor fields").containsExactlyInAnyOrderElementsOf(expected);

        JsonNode schemaNode = root.get("configSchema");
        assertThat(schemaNode.isObject()).as("configSchema is an embedded object").isTrue();
        assertThat(schemaNode.path("$schema").asText()).isEqualTo(DRAFT_2020_12);
        assertThat(SCHEMAS.getSchema(SchemaLocation.of(DRAFT_2020_12)).validate(schemaNode)).as("meta-schema").isEmpty();
        assertClosedAndDescribed("$", schemaNode);

        var descriptor = new PluginDescriptor(
                root.get("id").asText(),
                root.get("version").asText(),
                root.get("provider").asText(),
                root.get("requires").asText(),
                strings(root.get("extensionPoints")),
                schemaNode.toString(),
                root.get("description").asText(),
                strings(root.get("dependencies")));
        return new PluginPackageCheck(descriptor, schemaNode);
    }

    /**
     * Asserts a first-party descriptor: {@code id}, provider {@code mallkit}, API 1.x, exactly
     * {@code extensionPoint}, no dependencies (its version already passed the semver check, so it was filtered).
     *
     * @return this check
     */
    public PluginPackageCheck assertFirstParty(String id, String extensionPoint) {
        assertThat(descriptor.id()).isEqualTo(id);
        assertThat(descriptor.provider()).isEqualTo("mallkit");
        assertThat(descriptor.requires()).isEqualTo(">=1.0.0 & <2.0.0");
        assertThat(descriptor.extensionPoints()).containsExactly(extensionPoint);
        assertThat(descriptor.dependencies()).isEmpty();
        return this;
    }

    /** @return the descriptor as the host would build it */
    public PluginDescriptor descriptor() {
        return descriptor;
    }

    /** @return the {@code default} the schema declares for the top-level {@code property} */
    public Object defaultOf(String property) {
        JsonNode node = schemaNode.path("properties").path(property).get("default");
        assertThat(node).as("default of " + property).isNotNull();
        return JSON.convertValue(node, Object.class);
    }

    /** @return every top-level option's {@code default}, asserting that each option declares one */
    public Map<String, Object> defaults() {
        Map<String, Object> defaults = new java.util.LinkedHashMap<>();
        schemaNode.path("properties").fieldNames().forEachRemaining(name -> defaults.put(name, defaultOf(name)));
        return defaults;
    }

    /** @return the instance locations and messages of every schema violation of {@code config}, empty when valid */
    public Set<String> schemaErrors(Map<String, ?> config) {
        Set<String> errors = new TreeSet<>();
        for (ValidationMessage message : schema.validate(JSON.valueToTree(config))) {
            errors.add(message.getInstanceLocation() + " " + message.getMessage());
        }
        return errors;
    }

    // every object the merchant fills in is closed and every option explains itself in the form
    private static void assertClosedAndDescribed(String path, JsonNode node) {
        if (node.has("properties")) {
            assertThat(node.path("additionalProperties").isBoolean() && !node.path("additionalProperties").asBoolean())
                    .as(path + " has additionalProperties: false").isTrue();
            node.get("properties").properties().forEach(entry -> {
                String child = path + "." + entry.getKey();
                assertThat(entry.getValue().hasNonNull("description")).as(child + " has a description").isTrue();
                assertClosedAndDescribed(child, entry.getValue());
            });
        }
        if (node.has("items")) {
            assertClosedAndDescribed(path + "[]", node.get("items"));
        }
    }

    private static List<String> strings(JsonNode array) {
        requireNonNull(array, "array is null");
        assertThat(array.isArray()).isTrue();
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    // test-compile writes an index of its own (empty) that shadows the main one: read them all
    private static String extensionIndexes(Class<?> pluginClass) {
        StringBuilder all = new StringBuilder();
        try {
            for (URL url : Collections.list(pluginClass.getClassLoader().getResources(EXTENSION_INDEX))) {
                try (InputStream in = url.openStream()) {
                    all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    private static String resource(Class<?> pluginClass, String name) {
        try (InputStream in = pluginClass.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
