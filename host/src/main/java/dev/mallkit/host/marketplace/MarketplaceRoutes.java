package dev.mallkit.host.marketplace;

import dev.mallkit.host.auth.Principal;
import dev.mallkit.host.auth.Role;
import dev.mallkit.host.db.Database;
import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import dev.mallkit.host.http.Bodies;
import dev.mallkit.host.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Set;

/**
 * The marketplace routes of the HTTP contract, plus the provider's submission list, the admin audit log and
 * uninstalling a version no store uses.
 */
final class MarketplaceRoutes {
    private static final Set<String> PACKAGE_TYPES = Set.of("application/java-archive", "application/zip", "application/octet-stream",
            "application/x-zip-compressed");

    private final Submissions submissions;
    private final MarketCatalog catalog;
    private final AuditLog audit;
    private final Database db;
    private final SubmissionStorage storage;

    MarketplaceRoutes(Submissions submissions, SubmissionStorage storage, MarketCatalog catalog, AuditLog audit, Database db) {
        this.submissions = submissions;
        this.storage = storage;
        this.catalog = catalog;
        this.audit = audit;
        this.db = db;
    }

    void mount(Router router) {
        router.post("/v1/marketplace/submissions").handler(this::submit);
        router.get("/v1/marketplace/submissions").handler(this::list);
        router.get("/v1/marketplace/submissions/:id").handler(this::get);
        router.get("/v1/marketplace/reviews").handler(this::queue);
        router.post("/v1/marketplace/submissions/:id/approve").handler(this::approve);
        router.post("/v1/marketplace/submissions/:id/reject").handler(this::reject);
        router.post("/v1/marketplace/plugins/:id/versions/:version/yank").handler(this::yank);
        router.delete("/v1/marketplace/plugins/:id/versions/:version").handler(this::uninstall);
        router.post("/v1/marketplace/plugins/:id/versions/:version/uninstall").handler(this::uninstall);
        router.get("/v1/marketplace/catalog").handler(this::catalog);
        router.get("/v1/marketplace/audit").handler(this::audit);
    }

    private void submit(RoutingContext ctx) {
        Principal provider = Principal.require(ctx, Role.PROVIDER);
        String type = ctx.request().getHeader("content-type");
        String mime = type == null ? "" : type.split(";")[0].trim().toLowerCase();
        if (!PACKAGE_TYPES.contains(mime)) {
            throw new HostError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be the package: application/java-archive, "
                    + "application/zip or application/octet-stream");
        }
        if (ctx.body() == null || ctx.body().length() == 0) {
            throw new HostError(ErrorCode.PACKAGE_REQUIRED, "the body is empty; send the plugin package bytes");
        }
        byte[] bytes = ctx.body().buffer().getBytes();
        // over the quota nothing is written, not even the package
        Responses.reply(ctx, 201, storage.admit(provider.subject(), bytes.length).compose(admitted -> submissions.submit(provider, bytes)));
    }

    private void list(RoutingContext ctx) {
        Principal caller = Principal.require(ctx, Role.PROVIDER, Role.ADMIN);
        Responses.reply(ctx, 200, submissions.list(caller));
    }

    private void get(RoutingContext ctx) {
        Principal caller = Principal.require(ctx, Role.PROVIDER, Role.ADMIN);
        Responses.reply(ctx, 200, submissions.get(caller, Bodies.pathId(ctx, "id")));
    }

    private void queue(RoutingContext ctx) {
        Principal.require(ctx, Role.ADMIN);
        String status = ctx.queryParams().get("status");
        SubmissionStatus wanted = Arrays.stream(SubmissionStatus.values())
                .filter(s -> s.name().equals(status == null ? "PENDING" : status)).findFirst()
                .orElseThrow(() -> new HostError(ErrorCode.FIELD_INVALID, "status must be one of " + Arrays.toString(SubmissionStatus.values()),
                        new JsonArray().add("status")));
        Responses.reply(ctx, 200, submissions.queue(wanted));
    }

    private void approve(RoutingContext ctx) {
        Principal admin = Principal.require(ctx, Role.ADMIN);
        Responses.reply(ctx, 200, submissions.approve(admin, Bodies.pathId(ctx, "id")));
    }

    private void reject(RoutingContext ctx) {
        Principal admin = Principal.require(ctx, Role.ADMIN);
        String reason = Texts.reason(ctx);
        Responses.reply(ctx, 200, submissions.reject(admin, Bodies.pathId(ctx, "id"), reason));
    }

    private void yank(RoutingContext ctx) {
        Principal admin = Principal.require(ctx, Role.ADMIN);
        String reason = Texts.reason(ctx);
        Responses.reply(ctx, 200, catalog.yank(admin, Bodies.pathId(ctx, "id"), Bodies.pathId(ctx, "version"), reason));
    }

    private void uninstall(RoutingContext ctx) {
        Principal admin = Principal.require(ctx, Role.ADMIN);
        Responses.reply(ctx, 200, catalog.uninstall(admin, Bodies.pathId(ctx, "id"), Bodies.pathId(ctx, "version")));
    }

    private void catalog(RoutingContext ctx) {
        Principal.of(ctx);
        Responses.reply(ctx, 200, catalog.list());
    }

    private void audit(RoutingContext ctx) {
        Principal.require(ctx, Role.ADMIN);
        Responses.reply(ctx, 200, db.read(audit::list));
    }
}
