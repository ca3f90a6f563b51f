package dev.mallkit.marketplace.descriptor;

import dev.mallkit.api.ConfigProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigValidatorTest {
    private final ConfigValidator validator = ConfigValidator.forSchema("""
            {"type":"object","required":["levels"],
             "properties":{
               "pointsPerYuan":{"type":"integer","minimum":0,"default":1},
               "levels":{"type":"array","items":{"type":"object","required":["rateBps"],
                 "properties":{"rateBps":{"type":"integer","minimum":0,"maximum":10000}}}}}}
            """);

    @Test
    void validConfigGetsDefaultsApplied() {
        ConfigValidation result = validator.validate(Map.of("levels", List.of(Map.of("rateBps", 1000))));

        assertThat(result.valid()).isTrue();
        assertThat(result.configAsMap()).containsEntry("pointsPerYuan", 1);
    }

    @Test
    void invalidConfigReportsFailingJsonPaths() {
        ConfigValidation result = validator.validate(Map.of("pointsPerYuan", -1,
                "levels", List.of(Map.of("rateBps", 10), Map.of("rateBps", 10), Map.of("rateBps", 20000))));

        assertThat(result.problems()).extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder("$.levels[2].rateBps", "$.pointsPerYuan");
    }

    @Test
    void missingRequiredFieldIsReported() {
        assertThat(validator.validate(Map.of()).problems()).extracting(ConfigProblem::message)
                .anyMatch(m -> m.contains("levels"));
    }

    @Test
    void invalidSchemaIsRefusedUpFront() {
        assertThatThrownBy(() -> ConfigValidator.forSchema("{\"type\":\"objekt\"}")).isInstanceOf(IllegalArgumentException.class);
    }
}
