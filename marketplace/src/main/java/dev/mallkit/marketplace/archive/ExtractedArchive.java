package dev.mallkit.marketplace.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A package extracted into its own temporary directory, deleted on {@link #close()}. Use it with
 * try-with-resources so temp space is freed on every path.
 */
public final class ExtractedArchive implements AutoCloseable {
    private final Path root;
    private final List<String> entryNames;
    private final String sha256;

    ExtractedArchive(Path root, List<String> entryNames, String sha256) {
        this.root = requireNonNull(root, "root is null");
        this.entryNames = List.copyOf(entryNames);
        this.sha256 = requireNonNull(sha256, "sha256 is null");
    }

    /** @return lower-case hex SHA-256 of the package bytes that were checked and extracted */
    public String sha256() {
        return sha256;
    }

    /** @return the directory holding the extracted entries */
    public Path root() {
        return root;
    }

    /** @return the entry names in archive order, directories ending with '/' */
    public List<String> entryNames() {
        return entryNames;
    }

    /** @return whether a file entry with this name exists */
    public boolean hasFile(String name) {
        return entryNames.contains(name) && !name.endsWith("/");
    }

    /** Deletes the directory and everything in it. */
    @Override
    public void close() {
        deleteTree(root);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
