package dev.mallkit.host.js;

import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.testkit.TestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Writes small JavaScript plugin packages into a directory for tests. */
final class JsTestPackages {

    /** A module prelude: {@code t(label)} returns one showcase target labelled {@code label}. */
    static final String TARGET_HELPER = """
            const t = (label) => [{ id: 'p', type: 'SHOWCASE_PRODUCT', label: String(label), attributes: {}, labels: [] }];
            """;

    /** Tests share a machine with other builds: a generous time budget keeps them about limits, not load. */
    static JsEngine engine() {
        return new JsEngine(JsLimits.defaults().withTimeBudget(Duration.ofSeconds(10)));
    }

    static final JumpRequest REQUEST = new JumpRequest("room1", "viewer1", "sharer1", "Tok123");

    private JsTestPackages() {
    }

    static Path write(Path dir, String id, String extensionPoint, String script) {
        try {
            Path root = Files.createDirectories(dir.resolve(id));
            Files.writeString(root.resolve("mallkit-plugin.json"), """
                    {"id": "%s", "version": "1.0.0", "provider": "test", "requires": ">=1.0.0 & <2.0.0",
                     "extensionPoints": ["%s"], "configSchema": {"type": "object"}}
                    """.formatted(id, extensionPoint));
            Files.writeString(root.resolve("index.mjs"), script);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A live-jump plugin whose {@code targets} body is {@code body}, with {@link #TARGET_HELPER} in scope. */
    static Path liveJump(Path dir, String id, String body) {
        return write(dir, id, "LiveJumpProvider", TARGET_HELPER + "export function targets(ctx, request) {\n" + body + "\n}\n");
    }

    static List<JumpTarget> targets(JsPlugin plugin, String storeId) {
        LiveJumpProvider provider = plugin.extension(LiveJumpProvider.class).orElseThrow();
        return provider.targets(TestContext.forStore(storeId), REQUEST);
    }

    static String label(JsPlugin plugin, String storeId) {
        return targets(plugin, storeId).getFirst().label();
    }
}
