package dev.mallkit.marketplace.bytecode;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a scan of a plugin's class files found.
 *
 * @param references every reference of the classes that could be read
 * @param malformed  class file path (relative to the scanned root, {@code /}-separated) → why it could not be read
 */
public record ScannedClasses(List<Reference> references, Map<String, String> malformed) {
    public ScannedClasses {
        references = List.copyOf(requireNonNull(references, "references is null"));
        malformed = Map.copyOf(requireNonNull(malformed, "malformed is null"));
    }
}
