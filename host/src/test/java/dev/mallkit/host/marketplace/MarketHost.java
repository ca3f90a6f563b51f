package dev.mallkit.host.marketplace;

import dev.mallkit.api.live.JumpRequest;
import dev.mallkit.api.live.JumpTarget;
import dev.mallkit.api.live.LiveJumpProvider;
import dev.mallkit.host.runtime.TestPluginJar;
import dev.mallkit.host.testing.TestHost;
import dev.mallkit.host.testing.TestHost.Response;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Marketplace calls and packages shared by the marketplace tests. */
final class MarketHost {
    static final String SCHEMA = """
            {"type":"object","additionalProperties":false,"required":["title"],"examples":[{"title":"Sample"}],
             "properties":{
               "title":{"type":"string","minLength":2,"description":"button text"},
               "limit":{"type":"integer","minimum":1,"maximum":10,"default":3},
               "style":{"type":"string","enum":["plain","bold"],"default":"plain"},
               "apiKey":{"type":"string","format":"password"}}}""";

    private MarketHost() {
    }

    /** A Java jump provider of provider {@code test-provider} whose one target's label is {@code tag|title|limit|style}. */
    static Path jumpJar(Path dir, String id, String version, String tag) {
        return TestPluginJar.liveJumpProvider(id, version, """
                var c = ctx.config();
                return List.of(new JumpTarget("t1", JumpTargetType.SHOWCASE_PRODUCT,
                    "%s|" + c.getString("title", "") + "|" + c.getLong("limit", -1) + "|" + c.getString("style", ""),
                    Map.of(), List.of()));
                """.formatted(tag)).configSchema(SCHEMA).build(dir);
    }

    /** A JavaScript live-jump package. */
    static Path jsZip(Path dir, String id, String provider, String script) {
        Path zip = dir.resolve(id + ".zip");
        String descriptor = """
                {"id":"%s","version":"1.0.0","provider":"%s","requires":">=1.0.0 & <2.0.0",
                 "extensionPoints":["LiveJumpProvider"],"configSchema":{"type":"object"},"description":"js","dependencies":[]}
                """.formatted(id, provider);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : Map.of("mallkit-plugin.json", descriptor, "index.mjs", script).entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip;
    }

    static String provider(TestHost host, String id) {
        Response r = host.post("/v1/admin/providers", TestHost.ADMIN_TOKEN, Map.of("id", id, "name", "Provider " + id));
        if (r.status() != 201) {
            throw new IllegalStateException("provider creation failed: " + r);
        }
        return r.json().getString("token");
    }

    static Response submit(TestHost host, String token, Path file) {
        try {
            return host.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/v1/marketplace/submissions"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", file.toString().endsWith(".zip") ? "application/zip" : "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response approve(TestHost host, String submissionId) {
        return host.post("/v1/marketplace/submissions/" + submissionId + "/approve", TestHost.ADMIN_TOKEN, null);
    }

    /** @return the version's entry in the catalog */
    static JsonObject catalogVersion(TestHost host, String token, String id, String version) {
        return host.get("/v1/marketplace/catalog", token).array().stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("id").equals(id)).flatMap(p -> p.getJsonArray("versions").stream())
                .map(JsonObject.class::cast).filter(v -> v.getString("version").equals(version)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " " + version + " is not in the catalog"));
    }

    /** @return the labels the store's live-jump providers serve right now */
    static List<String> labels(TestHost host, String store) throws Exception {
        return host.mallkit().featureMix().snapshot(store).additive(LiveJumpProvider.class).stream()
                .flatMap(b -> b.call((ext, ctx) -> ext.targets(ctx, new JumpRequest("room", "viewer", null, "tok"))).stream())
                .map(JumpTarget::label).toList();
    }
}
