package dev.mallkit.host.http;

import dev.mallkit.host.error.ErrorCode;
import dev.mallkit.host.error.HostError;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Refusing a request before its body is read. The router does not read bodies by itself: the body handler
 * does, after these checks, so a refused upload is never buffered. Its connection is closed shortly after the
 * answer is written (HTTP/1.x cannot take the next request while an unread body is in the way).
 */
public final class UnreadBodies {
    /** Where the limit a request was checked against is kept, so a later, general check does not repeat it. */
    private static final String CHECKED = "mallkit.bodyLimit";
    /** How long a refused upload may keep sending (into nothing) after its answer, before the connection closes. */
    private static final long GRACE_MS = 500;

    private UnreadBodies() {
    }

    /**
     * @return a handler answering 413 {@code BODY_TOO_LARGE} at once to a request declaring a Content-Length over
     *         {@code limit}; a request an earlier such handler already admitted (a route with a larger limit) passes
     */
    public static Handler<RoutingContext> declaredAtMost(long limit) {
        return ctx -> {
            if (ctx.get(CHECKED) != null) {
                ctx.next();
                return;
            }
            ctx.put(CHECKED, limit);
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long length;
            try {
                length = declared == null ? -1 : Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                refuse(ctx, new HostError(ErrorCode.BAD_REQUEST, "Content-Length is not a number"));
                return;
            }
            if (length > limit) {
                refuse(ctx, new HostError(ErrorCode.BODY_TOO_LARGE, "the request body exceeds the limit of " + limit + " bytes"));
                return;
            }
            ctx.next();
        };
    }

    /**
     * Fails {@code ctx} with {@code failure} (the error handler writes the answer). When a body may still follow, the answer carries {@code Connection: close}
     * and the connection is closed once it is written, so the body is never read.
     */
    public static void refuse(RoutingContext ctx, Throwable failure) {
        HttpServerRequest request = ctx.request();
        if (mayHaveBody(request) && request.version() != HttpVersion.HTTP_2) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            ctx.response().endHandler(v -> closeSoon(ctx));
        }
        ctx.fail(failure);
    }

    /**
     * Closing at once with unread bytes in the socket makes the kernel reset the connection, and a client still
     * sending may lose the answer with it: what arrives in the next moments is dropped unkept, then it closes.
     */
    private static void closeSoon(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long timer = ctx.vertx().setTimer(GRACE_MS, id -> request.connection().close());
        try {
            request.handler(chunk -> { }).endHandler(end -> {
                ctx.vertx().cancelTimer(timer);
                request.connection().close();
            });
            request.resume();
        } catch (IllegalStateException ended) {
            // the body ended meanwhile; the timer closes the connection
        }
    }

    private static boolean mayHaveBody(HttpServerRequest request) {
        if (request.isEnded()) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || (length != null && !length.trim().equals("0"));
    }
}
