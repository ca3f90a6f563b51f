package dev.mallkit.host.cluster;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Plugin artifacts shared by every host, addressed by their SHA-256: the host that accepts an upload
 * (marketplace approval, seeding) puts the bytes here, and every other host fetches them by hash when
 * told of the new version or when it starts with an empty plugins directory. Blocking: call off the loop.
 */
public interface ArtifactStore {
    /** Stores {@code bytes} under {@code sha256}, which must be their hash; storing the same artifact twice is a no-op. */
    void put(String sha256, byte[] bytes) throws SQLException;

    /** @return the bytes stored under {@code sha256}, unverified: callers check the hash themselves */
    Optional<byte[]> get(String sha256) throws SQLException;
}
