package dev.mallkit.host.plugins;

import dev.mallkit.api.PluginDescriptor;

import static java.util.Objects.requireNonNull;

/**
 * A plugin version as the platform published it.
 *
 * @param descriptor the descriptor
 * @param tier       JAVA or JAVASCRIPT
 * @param sha256     hex SHA-256 of the artifact
 * @param status     PUBLISHED or YANKED
 * @param reason     why it was yanked, or null
 */
public record PublishedVersion(PluginDescriptor descriptor, String tier, String sha256, String status, String reason) {
    public PublishedVersion {
        requireNonNull(descriptor, "descriptor is null");
        requireNonNull(tier, "tier is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(status, "status is null");
    }

    public boolean yanked() {
        return "YANKED".equals(status);
    }
}
