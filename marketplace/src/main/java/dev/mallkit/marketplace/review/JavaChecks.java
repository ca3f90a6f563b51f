package dev.mallkit.marketplace.review;

import dev.mallkit.marketplace.bytecode.Reference;
import dev.mallkit.marketplace.bytecode.ReferenceScanner;
import dev.mallkit.marketplace.bytecode.ScannedClasses;
import dev.mallkit.marketplace.compat.ApiClasspath;
import dev.mallkit.marketplace.compat.ApiCompatibilityCheck;
import dev.mallkit.marketplace.compat.PluginClasses;
import dev.mallkit.marketplace.compat.VersionCompatibility;
import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.forbidden.ForbiddenApiCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The static checks only Java packages get: API compatibility and forbidden APIs, from the bytecode alone. */
final class JavaChecks {
    private final ReviewSettings settings;
    private final Map<String, ApiClasspath> apis = new java.util.concurrent.ConcurrentHashMap<>();

    JavaChecks(ReviewSettings settings) {
        this.settings = settings;
    }

    /** Adds the findings and returns the compatibility matrix. */
    Map<String, VersionCompatibility> run(Path root, List<Finding> findings) throws IOException {
        ScannedClasses scanned = ReferenceScanner.scanAll(root);
        List<Reference> references = scanned.references();
        PluginClasses plugin = PluginClasses.load(root);
        Map<String, VersionCompatibility> matrix = new TreeMap<>();
        for (Map.Entry<String, Path> api : settings.apiJars().entrySet()) {
            VersionCompatibility compatibility = ApiCompatibilityCheck.check(references, plugin, api(api.getKey(), api.getValue()));
            matrix.put(api.getKey(), compatibility);
            if (api.getKey().equals(settings.hostApiVersion())) {
                findings.addAll(compatibility.missing());
            } else if (!compatibility.compatible()) {
                findings.add(Finding.advisory("compat", "COMPAT_INCOMPATIBLE_VERSION",
                        "does not link against API " + api.getKey() + ": " + compatibility.missing().size() + " missing", api.getKey()));
            }
        }
        findings.addAll(ForbiddenApiCheck.withPlatformRules().check(scanned));
        return matrix;
    }

    private ApiClasspath api(String version, Path jar) throws IOException {
        ApiClasspath loaded = apis.get(version);
        if (loaded == null) {
            loaded = ApiClasspath.load(jar);
            apis.put(version, loaded);
        }
        return loaded;
    }
}
