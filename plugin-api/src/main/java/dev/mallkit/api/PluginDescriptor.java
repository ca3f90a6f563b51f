package dev.mallkit.api;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A plugin package's descriptor, read from {@value MallkitApi#DESCRIPTOR_RESOURCE} at the root of
 * the package (JSON with the same field names).
 *
 * @param id              lower-case kebab id, globally unique, owned by one provider
 * @param version         semantic version {@code MAJOR.MINOR.PATCH}
 * @param provider        id of the provider that owns {@code id}
 * @param requires        the plugin API range, e.g. {@code ">=1.0.0 & <2.0.0"}
 * @param extensionPoints simple names of the extension points implemented, e.g. {@code MembershipProgram}
 * @param configSchema    a JSON Schema (draft 2020-12) of the plugin's configuration, as JSON text
 * @param description     one paragraph for the catalog
 * @param dependencies    ids of plugins that must be enabled on a store before this one
 */
public record PluginDescriptor(
        String id,
        String version,
        String provider,
        String requires,
        List<String> extensionPoints,
        String configSchema,
        String description,
        List<String> dependencies) {

    public PluginDescriptor {
        requireNonNull(id, "id is null");
        requireNonNull(version, "version is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(requires, "requires is null");
        extensionPoints = List.copyOf(requireNonNull(extensionPoints, "extensionPoints is null"));
        requireNonNull(configSchema, "configSchema is null");
        requireNonNull(description, "description is null");
        dependencies = List.copyOf(requireNonNull(dependencies, "dependencies is null"));
        if (!id.matches("[a-z][a-z0-9-]{1,62}")) {
            throw new IllegalArgumentException("id must be lower-case kebab, 2-63 chars: " + id);
        }
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException("version must be MAJOR.MINOR.PATCH: " + version);
        }
        if (extensionPoints.isEmpty()) {
            throw new IllegalArgumentException("a plugin must provide at least one extension point");
        }
    }
}
