package dev.mallkit.marketplace.review;

import dev.mallkit.api.PluginDescriptor;
import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A package as the checks see it, valid only during the review.
 *
 * @param packageFile the submitted file
 * @param root        the directory it was safely extracted into, deleted after the review
 * @param kind        Java or JavaScript
 * @param descriptor  its parsed descriptor
 * @param entries     the entry names, directories ending with '/'
 */
public record ReviewedPackage(Path packageFile, Path root, PackageKind kind, PluginDescriptor descriptor, List<String> entries) {
    public ReviewedPackage {
        requireNonNull(packageFile, "packageFile is null");
        requireNonNull(root, "root is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(descriptor, "descriptor is null");
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
    }
}
