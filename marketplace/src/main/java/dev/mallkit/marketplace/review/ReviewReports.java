package dev.mallkit.marketplace.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** JSON form of {@link ReviewReport}, as the host stores it and returns it from the submission routes. */
public final class ReviewReports {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ReviewReports() {
    }

    /** @return the report as JSON, with a computed {@code passed} field */
    public static String toJson(ReviewReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report always serialises", e);
        }
    }

    /** @return the report read back from {@link #toJson} */
    public static ReviewReport fromJson(String json) {
        try {
            return MAPPER.readValue(json, ReviewReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a review report: " + e.getOriginalMessage(), e);
        }
    }
}
