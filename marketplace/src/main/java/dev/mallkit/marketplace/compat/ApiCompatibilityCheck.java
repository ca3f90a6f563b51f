package dev.mallkit.marketplace.compat;

import dev.mallkit.marketplace.bytecode.Reference;
import dev.mallkit.marketplace.bytecode.ReferenceScanner;
import dev.mallkit.marketplace.finding.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Checks, as the IntelliJ Plugin Verifier does, that every class, method and field a plugin uses
 * from plugin-api exists in a given API build, including members it inherits, and that its concrete
 * classes implement every abstract method their API supertypes declare there.
 */
public final class ApiCompatibilityCheck {
    static final String CHECK = "compat";

    private ApiCompatibilityCheck() {
    }

    /** @return the plugin's compatibility with one API; findings are blocking */
    public static VersionCompatibility check(List<Reference> references, PluginClasses plugin, ApiClasspath api) {
        Map<String, Finding> missing = new LinkedHashMap<>();
        AbstractMethodCheck.check(plugin, api).forEach(f -> missing.putIfAbsent(f.message() + "|" + f.location(), f));
        for (Reference reference : references) {
            if (!reference.owner().startsWith(ApiClasspath.API_PREFIX)) {
                continue;
            }
            String code = resolves(reference, api);
            if (code != null) {
                missing.putIfAbsent(reference.target() + "|" + reference.location(), Finding.blocking(CHECK, code,
                        "uses " + reference.target() + ", which this API does not have", reference.location()));
            }
        }
        return new VersionCompatibility(missing.isEmpty(), List.copyOf(missing.values()));
    }

    /**
     * @param classesRoot the extracted plugin
     * @param apiJars     API version → its jar or classes directory
     * @return API version → compatibility, ordered by version text
     */
    public static Map<String, VersionCompatibility> matrix(Path classesRoot, Map<String, Path> apiJars) throws IOException {
        requireNonNull(apiJars, "apiJars is null");
        List<Reference> references = ReferenceScanner.scan(classesRoot);
        PluginClasses plugin = PluginClasses.load(classesRoot);
        Map<String, VersionCompatibility> matrix = new TreeMap<>();
        for (Map.Entry<String, Path> api : apiJars.entrySet()) {
            matrix.put(api.getKey(), check(references, plugin, ApiClasspath.load(api.getValue())));
        }
        return matrix;
    }

    private static String resolves(Reference reference, ApiClasspath api) {
        if (!api.hasClass(reference.owner())) {
            return "COMPAT_MISSING_CLASS";
        }
        return switch (reference.kind()) {
            case CLASS -> null;
            case METHOD -> api.hasMethod(reference.owner(), reference.name() + reference.descriptor()) ? null : "COMPAT_MISSING_METHOD";
            case FIELD -> api.hasField(reference.owner(), reference.name() + ":" + reference.descriptor()) ? null : "COMPAT_MISSING_FIELD";
        };
    }
}
