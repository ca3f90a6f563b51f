package dev.mallkit.host.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mallkit.api.MallkitApi;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.marketplace.archive.ArchiveLimits;
import dev.mallkit.marketplace.archive.CheckedArchive;
import dev.mallkit.marketplace.archive.UnsafeArchiveException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.pf4j.DefaultVersionManager;
import org.pf4j.ManifestPluginDescriptorFinder;

import static java.util.Objects.requireNonNull;

/**
 * A plugin jar as read from disk: its SHA-256, its {@value MallkitApi#DESCRIPTOR_RESOURCE} descriptor,
 * checked against the jar's PF4J manifest and against the API version this host implements.
 *
 * @param jar        the jar the package was read from
 * @param sha256     lower-case hex SHA-256 of the jar's bytes
 * @param descriptor the descriptor; {@code configSchema} holds the schema object as JSON text
 */
public record PluginPackage(Path jar, String sha256, PluginDescriptor descriptor) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultVersionManager VERSIONS = new DefaultVersionManager();

    public PluginPackage {
        requireNonNull(jar, "jar is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(descriptor, "descriptor is null");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
        }
    }

    /**
     * Reads and checks a plugin jar through the marketplace's {@link CheckedArchive}, the reading review
     * extracted it with. The jar is read once: its hash, descriptor and manifest all come from those
     * bytes, and they are refused unless every zip parser reads them alike, so the class loader PF4J
     * opens on this file sees the entries that were hashed and reviewed.
     *
     * @throws PluginPackageException when the jar is refused as an archive (the message names the finding
     *                                codes), lacks or contradicts its descriptor, or requires an API range
     *                                this host does not satisfy
     */
    public static PluginPackage read(Path jar) {
        requireNonNull(jar, "jar is null");
        if (!Files.isRegularFile(jar)) {
            throw new PluginPackageException("plugin package " + jar + " is not a file");
        }
        CheckedArchive archive;
        try {
            archive = CheckedArchive.read(jar, ArchiveLimits.defaults());
        } catch (UnsafeArchiveException e) {
            throw new PluginPackageException("plugin package " + jar + " is not a readable jar, its archive is refused: "
                    + e.findings().stream().map(f -> f.code() + " " + f.location()).collect(Collectors.joining(", ")), e);
        }
        PluginDescriptor descriptor = readDescriptor(jar, archive);
        checkManifest(jar, manifest(jar, archive), descriptor);
        checkApiRange(jar, descriptor.requires());
        return new PluginPackage(jar, archive.sha256(), descriptor);
    }

    /** @return whether a {@code requires} range such as {@code ">=1.0.0 & <2.0.0"} admits this host's API */
    public static boolean supportsApi(String requires) {
        return VERSIONS.checkVersionConstraint(MallkitApi.VERSION, requires);
    }

    /** @return the lower-case hex SHA-256 of a file's bytes */
    public static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new PluginPackageException("cannot read plugin package " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    private static PluginDescriptor readDescriptor(Path jar, CheckedArchive archive) {
        byte[] bytes = archive.file(MallkitApi.DESCRIPTOR_RESOURCE).orElseThrow(() -> new PluginPackageException(
                "plugin package " + jar + " has no " + MallkitApi.DESCRIPTOR_RESOURCE + " at its root"));
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new PluginPackageException(MallkitApi.DESCRIPTOR_RESOURCE + " in " + jar + " is not valid JSON: " + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new PluginPackageException(MallkitApi.DESCRIPTOR_RESOURCE + " in " + jar + " must be a JSON object");
        }
        try {
            return new PluginDescriptor(
                    required(json, "id"),
                    required(json, "version"),
                    required(json, "provider"),
                    required(json, "requires"),
                    strings(json, "extensionPoints"),
                    schema(json),
                    json.path("description").asText(""),
                    strings(json, "dependencies"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PluginPackageException(MallkitApi.DESCRIPTOR_RESOURCE + " in " + jar + " is invalid: " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' must be a non-empty string");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("field '" + field + "' must be an array of strings");
            }
            result.add(item.asText());
        }
        return result;
    }

    // the file holds the schema as an object; the record keeps its JSON text
    private static String schema(JsonNode json) {
        JsonNode value = json.get("configSchema");
        if (value == null || value.isNull()) {
            return "{}";
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("field 'configSchema' must be a JSON Schema object");
        }
        return value.toString();
    }

    private static Manifest manifest(Path jar, CheckedArchive archive) {
        try {
            return archive.file(JarFile.MANIFEST_NAME).map(bytes -> {
                try {
                    return new Manifest(new ByteArrayInputStream(bytes));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).orElse(null);
        } catch (UncheckedIOException e) {
            throw new PluginPackageException("plugin package " + jar + " has an unreadable manifest: " + e.getCause().getMessage(), e);
        }
    }

    private static void checkManifest(Path jar, Manifest manifest, PluginDescriptor descriptor) {
        if (manifest == null) {
            throw new PluginPackageException("plugin package " + jar + " has no META-INF/MANIFEST.MF");
        }
        String id = manifest.getMainAttributes().getValue(ManifestPluginDescriptorFinder.PLUGIN_ID);
        String version = manifest.getMainAttributes().getValue(ManifestPluginDescriptorFinder.PLUGIN_VERSION);
        if (!descriptor.id().equals(id) || !descriptor.version().equals(version)) {
            throw new PluginPackageException("plugin package " + jar + ": manifest says " + id + "@" + version
                    + " but " + MallkitApi.DESCRIPTOR_RESOURCE + " says " + descriptor.id() + "@" + descriptor.version());
        }
    }

    private static void checkApiRange(Path jar, String requires) {
        boolean supported;
        try {
            supported = supportsApi(requires);
        } catch (RuntimeException e) {
            throw new PluginPackageException("plugin package " + jar + " has an unparseable 'requires' range '" + requires + "'", e);
        }
        if (!supported) {
            throw new PluginPackageException("plugin package " + jar + " requires plugin API " + requires
                    + " but this host implements " + MallkitApi.VERSION);
        }
    }
}
