package dev.mallkit.bench;

import dev.mallkit.host.guard.GuardKey;
import dev.mallkit.host.guard.GuardPolicy;
import dev.mallkit.host.guard.GuardedInvoker;
import dev.mallkit.host.guard.PluginMetrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;

/**
 * A hello-world with the host's mandatory hops and nothing else, as baselines for the jump-targets row:
 * {@code /} answers on the event loop; {@link #HOP} answers after a round trip through a virtual thread, as
 * the host runs every blocking request ({@code Database.offLoop}); {@link #HOP_AND_GUARD} also makes three
 * guarded calls of a no-op "plugin" from there, the first on the virtual thread and the others on one
 * virtual thread each, as {@code JumpTargets} asked its providers until the fifth run; {@link #HOP_AND_BATCH}
 * makes the three calls as one batch ({@code GuardedInvoker.callEach}), as {@code JumpTargets} asks them now.
 * What a request costs beyond the last one is the host's own work.
 */
final class DesignFloor implements AutoCloseable {
    static final String HOP = "/hop";
    static final String HOP_AND_GUARD = "/hop-guard";
    static final String HOP_AND_BATCH = "/hop-batch";
    private static final List<GuardKey> PROVIDERS = List.of(new GuardKey("a", "1", "s"), new GuardKey("b", "1", "s"),
            new GuardKey("c", "1", "s"));

    private static final List<GuardedInvoker.Item<String>> BATCH = PROVIDERS.stream()
            .map(key -> new GuardedInvoker.Item<>(key, GuardPolicy.DEFAULT.budget(), () -> "Hello"))
            .toList();

    private final ExecutorService blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("floor-", 0).factory());
    private final GuardedInvoker guard = new GuardedInvoker(GuardPolicy.DEFAULT, new PluginMetrics());

    void handle(HttpServerRequest req) {
        switch (req.path()) {
            case HOP -> offLoop(req, () -> "Hello World");
            case HOP_AND_GUARD -> offLoop(req, this::askThree);
            case HOP_AND_BATCH -> offLoop(req, this::askThreeInOneBatch);
            default -> req.response().putHeader("Content-Type", "text/plain").end("Hello World");
        }
    }

    private void offLoop(HttpServerRequest req, java.util.concurrent.Callable<String> work) {
        Context context = Vertx.currentContext();
        blocking.execute(() -> {
            String body;
            try {
                body = work.call();
            } catch (Exception e) {
                body = e.toString();
            }
            String answer = body;
            context.runOnContext(v -> req.response().putHeader("Content-Type", "text/plain").end(answer));
        });
    }

    private String askThree() throws Exception {
        List<FutureTask<String>> others = PROVIDERS.subList(1, PROVIDERS.size()).stream()
                .map(key -> new FutureTask<>(() -> guard.call(key, () -> "Hello")))
                .toList();
        others.forEach(Thread::startVirtualThread);
        StringBuilder out = new StringBuilder(guard.call(PROVIDERS.getFirst(), () -> "Hello"));
        for (FutureTask<String> other : others) {
            out.append(' ').append(other.get());
        }
        return out.toString();
    }

    private String askThreeInOneBatch() {
        StringBuilder out = new StringBuilder();
        for (GuardedInvoker.Outcome<String> outcome : guard.callEach(BATCH)) {
            out.append(out.isEmpty() ? "" : " ").append(outcome.value());
        }
        return out.toString();
    }

    @Override
    public void close() {
        guard.close();
        blocking.close();
    }
}
