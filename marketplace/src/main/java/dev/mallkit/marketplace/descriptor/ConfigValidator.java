package dev.mallkit.marketplace.descriptor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ApplyDefaultsStrategy;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.mallkit.api.ConfigProblem;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Validates store configurations against one plugin's JSON Schema (draft 2020-12), applying the
 * schema's defaults. Compile once per plugin version and reuse: instances are immutable and
 * thread-safe. The host turns {@link ConfigValidation#problems()} into a 400 {@code CONFIG_INVALID}.
 */
public final class ConfigValidator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .applyDefaultsStrategy(new ApplyDefaultsStrategy(true, true, true))
            .pathType(PathType.JSON_PATH)
            .build();

    private final JsonSchema schema;

    private ConfigValidator(JsonSchema schema) {
        this.schema = schema;
    }

    /**
     * @param schemaJson the plugin's {@code configSchema}, already accepted by review
     * @throws IllegalArgumentException when it is not JSON or not a schema
     */
    public static ConfigValidator forSchema(String schemaJson) {
        requireNonNull(schemaJson, "schemaJson is null");
        try {
            JsonNode node = MAPPER.readTree(schemaJson);
            List<?> problems = new SchemaCheck().check(node);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("not an acceptable config schema: " + problems);
            }
            return new ConfigValidator(FACTORY.getSchema(node, CONFIG));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("config schema is not JSON", e);
        }
    }

    /** @return the configuration with defaults applied and the failing paths */
    public ConfigValidation validate(JsonNode config) {
        requireNonNull(config, "config is null");
        if (!config.isObject()) {
            return new ConfigValidation(config, List.of(new ConfigProblem("$", "the configuration must be a JSON object")));
        }
        JsonNode copy = config.deepCopy();
        List<ConfigProblem> problems = schema.walk(copy, true).getValidationMessages().stream()
                .map(ConfigValidator::toProblem)
                .sorted(Comparator.comparing(ConfigProblem::path).thenComparing(ConfigProblem::message))
                .toList();
        return new ConfigValidation(copy, problems);
    }

    /** @return the same as {@link #validate(JsonNode)} for a configuration given as plain Java values */
    public ConfigValidation validate(Map<String, ?> config) {
        JsonNode node = MAPPER.valueToTree(requireNonNull(config, "config is null"));
        return validate(node);
    }

    private static ConfigProblem toProblem(ValidationMessage message) {
        String path = message.getInstanceLocation().toString();
        String text = message.getMessage();
        // the library prefixes its message with the path; the path is already a field of its own
        if (text.startsWith(path + ": ")) {
            text = text.substring(path.length() + 2);
        }
        return new ConfigProblem(path, text);
    }
}
