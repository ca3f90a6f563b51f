package dev.mallkit.host.marketplace;

import dev.mallkit.host.cluster.PluginAnnouncer;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;

import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.host.auth.Principal;
import dev.mallkit.host.auth.Role;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.db.Dialect;
import dev.mallkit.host.db.Ids;
import dev.mallkit.host.plugins.PluginCatalog;
import dev.mallkit.host.plugins.PluginInstaller;
import dev.mallkit.host.runtime.LoadedPlugin;
import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.review.PackageKind;
import dev.mallkit.marketplace.review.ReviewReport;
import dev.mallkit.marketplace.signing.Sha256;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Submission, automated review, approval and rejection. Artifacts are stored by hash under
 * {@code <data dir>/artifacts}; approval signs the stored bytes, publishes the version, copies the
 * package into the plugins directory and installs it on this host.
 */
final class Submissions {
    private final Database db;
    private final PluginInstaller installer;
    private final PluginCatalog catalog;
    private final Reviewer reviewer;
    private final AuditLog audit;
    private final Path artifacts;
    private final Clock clock;

    private final PluginAnnouncer announcer;

    Submissions(Database db, PluginCatalog catalog, Reviewer reviewer, AuditLog audit, Path artifacts, Clock clock,
                PluginAnnouncer announcer) {
        this.announcer = announcer;
        this.db = db;
        this.catalog = catalog;
        this.installer = catalog.installer();
        this.reviewer = reviewer;
        this.audit = audit;
        this.artifacts = artifacts;
        this.clock = clock;
    }

    /** Stores the package, reviews it and records the submission: PENDING or REJECTED_AUTOMATICALLY. */
    Future<JsonObject> submit(Principal provider, byte[] bytes) {
        return db.offLoop(() -> {
            Path artifact = store(bytes);
            ReviewReport reviewed = reviewer.review(db.dataSource(), artifact, provider.subject());
            Submission saved = db.inTransaction(c -> {
                ReviewReport report = reviewed;
                PluginDescriptor d = report.descriptor();
                if (report.passed() && d != null) {
                    String owner = PluginOwners.claim(c, d.id(), provider.subject(), clock.instant());
                    if (!owner.equals(provider.subject())) {
                        report = withFinding(report, Finding.blocking("descriptor", "DESCRIPTOR_ID_NOT_OWNED",
                                "plugin id " + d.id() + " is owned by another provider", "$.id"));
                    }
                }
                SubmissionStatus status = report.passed() ? SubmissionStatus.PENDING : SubmissionStatus.REJECTED_AUTOMATICALLY;
                Submission s = new Submission("sub_" + Ids.random(20), provider.subject(), d == null ? null : d.id(),
                        d == null ? null : d.version(), report.sha256(), status, report, null, clock.instant(), null, null);
                SubmissionRows.insert(c, s);
                audit.record(c, provider, "SUBMIT", target(s), status.name() + (report.passed() ? "" : ": " + report.blockingCodes()));
                return s;
            });
            return saved.toJson();
        });
    }

    /** @return the submission, if the caller may see it: its provider or an admin; 404 otherwise */
    Future<JsonObject> get(Principal caller, String id) {
        return db.read(c -> SubmissionRows.find(c, id, false)
                .filter(s -> caller.role() == Role.ADMIN || s.providerId().equals(caller.subject()))
                .orElseThrow(() -> HostError.notFound("submission '" + id + "'")).toJson());
    }

    /** @return the caller's submissions (every submission for an admin), newest first */
    Future<JsonArray> list(Principal caller) {
        return db.read(c -> toJson(caller.role() == Role.ADMIN ? SubmissionRows.all(c) : SubmissionRows.byProvider(c, caller.subject())));
    }

    /** @return the submissions in {@code status}, oldest first */
    Future<JsonArray> queue(SubmissionStatus status) {
        return db.read(c -> toJson(SubmissionRows.byStatus(c, status)));
    }

    /** Signs, publishes, copies into the plugins directory and installs a PENDING submission. */
    Future<JsonObject> approve(Principal admin, String id) {
        return db.offLoop(() -> {
            Path installed = db.inTransaction(c -> {
                Submission s = pending(c, id);
                PluginDescriptor d = s.report().descriptor();
                LoadedPlugin.Tier tier = s.report().kind() == PackageKind.JAVA ? LoadedPlugin.Tier.JAVA : LoadedPlugin.Tier.JAVASCRIPT;
                Path copy = installer.pluginsDir().resolve(PluginInstaller.fileName(d.id(), d.version(), tier));
                String signature = copyAndSign(s, copy);
                try {
                    PluginCatalog.publish(c, d, tier.name(), s.sha256(), signature, "admin:" + admin.subject());
                } catch (SQLException e) {
                    copy.toFile().delete();
                    if (Dialect.isDuplicateKey(e)) {
                        throw new HostError(ErrorCode.VERSION_EXISTS, d.id() + " " + d.version() + " is already published");
                    }
                    throw e;
                }
                SubmissionRows.decide(c, id, SubmissionStatus.APPROVED, null, admin.subject(), clock.instant());
                audit.record(c, admin, "APPROVE", target(s), null);
                return copy;
            });
            boolean loaded = installer.install(installed);
            Submission s = db.inTransaction(c -> SubmissionRows.find(c, id, false).orElseThrow());
            // every other host fetches the artifact by hash from the shared store and loads it
            announcer.installed(s.pluginId(), s.version(), installed);
            JsonObject out = s.toJson().put("installed", loaded);
            if (!loaded) {
                out.put("installError", catalog.failure(s.pluginId(), s.version()).orElse("not loaded"));
            }
            return out;
        });
    }

    /** Rejects a PENDING submission with the admin's reason. */
    Future<JsonObject> reject(Principal admin, String id, String reason) {
        return db.tx(c -> {
            Submission s = pending(c, id);
            SubmissionRows.decide(c, id, SubmissionStatus.REJECTED, reason, admin.subject(), clock.instant());
            audit.record(c, admin, "REJECT", target(s), reason);
            return SubmissionRows.find(c, id, false).orElseThrow().toJson();
        });
    }

    private static Submission pending(Connection c, String id) throws SQLException {
        Submission s = SubmissionRows.find(c, id, true).orElseThrow(() -> HostError.notFound("submission '" + id + "'"));
        if (s.status() != SubmissionStatus.PENDING) {
            throw new HostError(ErrorCode.SUBMISSION_NOT_PENDING, "submission " + id + " is " + s.status() + ", not PENDING");
        }
        return s;
    }

    /** Copies the stored artifact (checked against its hash) into the plugins directory; @return the signature of the copy */
    private String copyAndSign(Submission s, Path copy) {
        PluginDescriptor d = s.report().descriptor();
        try {
            Path artifact = artifacts.resolve(s.sha256());
            if (!Files.isRegularFile(artifact) || !Sha256.of(artifact).equals(s.sha256())) {
                throw new HostError(ErrorCode.ARTIFACT_MODIFIED, "the stored artifact of " + target(s) + " is missing or was modified");
            }
            Files.createDirectories(copy.getParent());
            Files.copy(artifact, copy, StandardCopyOption.REPLACE_EXISTING);
            return installer.signing().sign(copy, d.id(), d.version(), d.provider()).signature();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the artifact of " + target(s), e);
        }
    }

    /** Writes the bytes under their hash; the same package submitted twice is stored once. */
    private Path store(byte[] bytes) throws IOException {
        Path file = artifacts.resolve(Sha256.of(bytes));
        if (!Files.exists(file)) {
            Files.createDirectories(artifacts);
            Path temp = Files.createTempFile(artifacts, ".upload-", ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static ReviewReport withFinding(ReviewReport report, Finding finding) {
        List<Finding> findings = new ArrayList<>(report.findings());
        findings.add(finding);
        return new ReviewReport(report.sha256(), report.kind(), report.descriptor(), findings, report.compatibility());
    }

    private static String target(Submission s) {
        return "submission:" + s.id() + (s.pluginId() == null ? "" : " " + s.pluginId() + "@" + s.version());
    }

    private static JsonArray toJson(List<Submission> submissions) {
        JsonArray out = new JsonArray();
        submissions.forEach(s -> out.add(s.toJson()));
        return out;
    }
}
