package dev.mallkit.host.marketplace.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mallkit.api.MallkitApi;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.host.isolation.BubblewrapJail;
import dev.mallkit.host.js.JsEngine;
import dev.mallkit.host.js.JsLimits;
import dev.mallkit.host.js.JsPackageException;
import dev.mallkit.host.js.JsPluginLoader;
import dev.mallkit.host.kernel.ExtensionPoints;
import dev.mallkit.marketplace.archive.ExtractedArchive;
import dev.mallkit.marketplace.archive.SafeExtractor;
import dev.mallkit.marketplace.conformance.ConformanceCheck;
import dev.mallkit.marketplace.descriptor.DescriptorParser;
import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.review.PackageKind;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The review process's entry point, run inside the jail: reads the request the host left in the input
 * directory, runs the submitted code (the conformance kit and unload cycles for Java, loading the module
 * for JavaScript) and writes the findings as JSON on standard output. It knows no secret to leak: its
 * environment, arguments and files hold only the package and the request.
 */
public final class ReviewChild {
    static final String PACKAGE = "package";
    static final String REQUEST = "request.json";

    private ReviewChild() {
    }

    /** @param args the package kind, {@code JAVA} or {@code JAVASCRIPT} */
    public static void main(String[] args) {
        PrintStream answer = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        // what the plugin prints must not be taken for the answer, nor fill a pipe nobody reads
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        List<Finding> findings;
        try {
            findings = run(PackageKind.valueOf(args[0]), Path.of(BubblewrapJail.INPUT));
        } catch (Throwable e) {
            findings = List.of(Finding.blocking("conformance", "REVIEW_FAILED", "the review could not run the package: " + e, ""));
        }
        answer.print(ChildFindings.write(findings));
        answer.flush();
        // threads the plugin started must not keep the process alive until the host's deadline
        Runtime.getRuntime().halt(0);
    }

    private static List<Finding> run(PackageKind kind, Path input) throws Exception {
        JsonNode request = new ObjectMapper().readTree(input.resolve(REQUEST).toFile());
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
        List<String> specs = new ArrayList<>();
        request.path("extensionPointSpecs").forEach(name -> specs.add(name.asText()));
        ExtensionPoints points = ExtensionPoints.fromClassNames(specs);
        try (ExtractedArchive extracted = SafeExtractor.withDefaults().extract(input.resolve(PACKAGE))) {
            if (kind == PackageKind.JAVASCRIPT) {
                return loadModule(points, extracted.root());
            }
            PluginDescriptor descriptor = new DescriptorParser()
                    .parse(Files.readAllBytes(extracted.root().resolve(MallkitApi.DESCRIPTOR_RESOURCE))).descriptor().orElseThrow();
            @SuppressWarnings("unchecked")
            Map<String, Object> config = new ObjectMapper().convertValue(request.path("config"), Map.class);
            return new ConformanceCheck(points.types(), scratch, Duration.ofMillis(request.path("budgetMillis").asLong(200)),
                    request.path("unloadCycles").asInt(3), Duration.ofMillis(request.path("collectTimeoutMillis").asLong(5000)))
                    .check(input.resolve(PACKAGE), descriptor, PluginConfig.of(config));
        }
    }

    private static List<Finding> loadModule(ExtensionPoints points, Path root) {
        // the jail's CPU limit and the host's deadline bound the run; a per-call budget made for a warm host would
        // refuse sound modules on a busy machine, where this process runs last (nice 19)
        try (JsEngine engine = new JsEngine(JsLimits.defaults().withTimeBudget(Duration.ofSeconds(30)))) {
            new JsPluginLoader(points, engine).check(root);
            return List.of();
        } catch (JsPackageException e) {
            return List.of(Finding.blocking("js-syntax", "JS_INVALID", e.getMessage(), "index.mjs"));
        }
    }
}
