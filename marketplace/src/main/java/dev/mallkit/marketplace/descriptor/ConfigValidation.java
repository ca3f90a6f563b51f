package dev.mallkit.marketplace.descriptor;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mallkit.api.ConfigProblem;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of validating a store's configuration.
 *
 * @param config   the configuration with schema defaults applied (a copy; the input is untouched)
 * @param problems the failing JSON paths, e.g. {@code $.levels[2].rateBps}; empty when valid
 */
public record ConfigValidation(JsonNode config, List<ConfigProblem> problems) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ConfigValidation {
        requireNonNull(config, "config is null");
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
    }

    /** @return whether the configuration passed the schema */
    public boolean valid() {
        return problems.isEmpty();
    }

    /** @return the configuration with defaults as plain Java values (for {@code PluginConfig.of}) */
    public Map<String, Object> configAsMap() {
        return MAPPER.convertValue(config, new TypeReference<>() { });
    }
}
