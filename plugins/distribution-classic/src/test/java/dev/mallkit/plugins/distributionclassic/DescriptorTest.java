package dev.mallkit.plugins.distributionclassic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mallkit.api.MallkitApi;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescriptorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode descriptor() throws IOException {
        try (InputStream in = DescriptorTest.class.getClassLoader().getResourceAsStream(MallkitApi.DESCRIPTOR_RESOURCE)) {
            assertThat(in).as("descriptor on the class path").isNotNull();
            return JSON.readTree(in);
        }
    }

    private static List<String> strings(JsonNode array) {
        return JSON.convertValue(array, new TypeReference<List<String>>() { });
    }

    @Test
    void descriptorMatchesThePackageAndTheApiRecord() throws IOException {
        JsonNode json = descriptor();

        var descriptor = new PluginDescriptor(json.get("id").asText(), json.get("version").asText(), json.get("provider").asText(),
                json.get("requires").asText(), strings(json.get("extensionPoints")),
                JSON.writeValueAsString(json.get("configSchema")), json.get("description").asText(),
                strings(json.get("dependencies")));

        assertThat(descriptor.id()).isEqualTo(System.getProperty("plugin.id")).isEqualTo("distribution-classic");
        assertThat(descriptor.version()).isEqualTo(System.getProperty("plugin.version"));
        assertThat(descriptor.provider()).isEqualTo("mallkit");
        assertThat(descriptor.requires()).isEqualTo(">=1.0.0 & <2.0.0");
        assertThat(descriptor.extensionPoints()).containsExactly("DistributionScheme");
        assertThat(descriptor.dependencies()).isEmpty();
        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder(
                "id", "version", "provider", "requires", "extensionPoints", "configSchema", "description", "dependencies");
    }

    @Test
    void everyOptionIsDescribedWithADefaultThatTheCodeShares() throws IOException {
        JsonNode schema = descriptor().get("configSchema");
        assertThat(schema.isObject()).isTrue();
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();

        Map<String, Object> defaults = new LinkedHashMap<>();
        schema.get("properties").properties().forEach(option -> {
            assertThat(option.getValue().has("description")).as(option.getKey()).isTrue();
            assertThat(option.getValue().has("default")).as(option.getKey()).isTrue();
            defaults.put(option.getKey(), JSON.convertValue(option.getValue().get("default"), Object.class));
        });

        assertThat(ClassicConfig.read(PluginConfig.of(defaults))).isEqualTo(ClassicConfig.read(PluginConfig.empty()));
        assertThat(new ClassicDistributionScheme().validate(PluginConfig.of(defaults))).isEmpty();
    }
}
