package dev.mallkit.host.auth;

import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * Who is calling: a role and the tenant it acts for (provider id, merchant id, store id; {@code platform}
 * for the admin).
 */
public record Principal(Role role, String subject) {
    static final String KEY = "mallkit.principal";

    public Principal {
        requireNonNull(role, "role is null");
        requireNonNull(subject, "subject is null");
    }

    /** @return the authenticated caller of {@code ctx} */
    public static Principal of(RoutingContext ctx) {
        Principal principal = ctx.get(KEY);
        if (principal == null) {
            throw new HostError(ErrorCode.UNAUTHENTICATED, "a valid bearer token is required");
        }
        return principal;
    }

    /** @return the caller, after checking it holds one of {@code roles}; 403 otherwise */
    public static Principal require(RoutingContext ctx, Role... roles) {
        Principal principal = of(ctx);
        if (Arrays.stream(roles).noneMatch(r -> r == principal.role())) {
            throw new HostError(ErrorCode.FORBIDDEN, "role " + principal.role().name().toLowerCase() + " may not do that");
        }
        return principal;
    }
}
