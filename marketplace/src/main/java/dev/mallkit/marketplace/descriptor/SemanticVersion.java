package dev.mallkit.marketplace.descriptor;

import java.util.Comparator;

/**
 * A {@code MAJOR.MINOR.PATCH} version, compared numerically.
 *
 * @param major the major part
 * @param minor the minor part
 * @param patch the patch part
 */
public record SemanticVersion(int major, int minor, int patch) implements Comparable<SemanticVersion> {
    private static final Comparator<SemanticVersion> ORDER = Comparator.comparingInt(SemanticVersion::major)
            .thenComparingInt(SemanticVersion::minor).thenComparingInt(SemanticVersion::patch);

    public SemanticVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version parts must not be negative");
        }
    }

    /** @throws IllegalArgumentException unless {@code text} is {@code MAJOR.MINOR.PATCH} */
    public static SemanticVersion parse(String text) {
        if (text == null || !text.matches("\\d{1,9}\\.\\d{1,9}\\.\\d{1,9}")) {
            throw new IllegalArgumentException("not MAJOR.MINOR.PATCH: " + text);
        }
        String[] parts = text.split("\\.");
        return new SemanticVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    @Override
    public int compareTo(SemanticVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
