package dev.mallkit.host.marketplace;

import dev.mallkit.host.plugins.Descriptors;
import dev.mallkit.marketplace.review.ReviewReport;
import dev.mallkit.marketplace.review.ReviewReports;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One submitted package and its review.
 *
 * @param id         submission id
 * @param providerId who submitted it
 * @param pluginId   the descriptor's id, null when the descriptor could not be read
 * @param version    the descriptor's version, null likewise
 * @param sha256     hex SHA-256 of the stored artifact
 * @param status     where it is in review
 * @param report     the automated review report
 * @param reason     the admin's reason for a rejection, or null
 * @param createdAt  when it was submitted
 * @param decidedBy  the admin who decided, or null
 * @param decidedAt  when, or null
 * @param purgedAt   when its package was deleted from disk (a rejection past the retention period), or null
 */
record Submission(String id, String providerId, String pluginId, String version, String sha256, SubmissionStatus status,
                  ReviewReport report, String reason, Instant createdAt, String decidedBy, Instant decidedAt, Instant purgedAt) {
    Submission {
        requireNonNull(id, "id is null");
        requireNonNull(providerId, "providerId is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(status, "status is null");
        requireNonNull(report, "report is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** A submission whose package is stored. */
    Submission(String id, String providerId, String pluginId, String version, String sha256, SubmissionStatus status,
               ReviewReport report, String reason, Instant createdAt, String decidedBy, Instant decidedAt) {
        this(id, providerId, pluginId, version, sha256, status, report, reason, createdAt, decidedBy, decidedAt, null);
    }

    /** @return the contract's form: {@code {id,status,report,...}} with the descriptor's schema as an object */
    JsonObject toJson() {
        return new JsonObject().put("id", id).put("status", status.name()).put("providerId", providerId)
                .put("pluginId", pluginId).put("version", version).put("sha256", sha256).put("kind", report.kind().name())
                .put("reason", reason).put("createdAt", createdAt.toString()).put("decidedBy", decidedBy)
                .put("decidedAt", decidedAt == null ? null : decidedAt.toString())
                .put("purged", purgedAt != null).put("purgedAt", purgedAt == null ? null : purgedAt.toString())
                .put("report", reportJson(report));
    }

    static JsonObject reportJson(ReviewReport report) {
        JsonObject json = new JsonObject(ReviewReports.toJson(report));
        if (report.descriptor() != null) {
            json.put("descriptor", Descriptors.toJson(report.descriptor()));
        }
        return json;
    }
}
