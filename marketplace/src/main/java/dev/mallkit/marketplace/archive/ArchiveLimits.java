package dev.mallkit.marketplace.archive;

/**
 * Caps an archive must stay within before and while it is extracted.
 *
 * @param maxArchiveBytes size of the package file itself
 * @param maxEntries      number of entries in the central directory
 * @param maxEntryBytes   uncompressed size of one entry
 * @param maxTotalBytes   uncompressed size of all entries together
 * @param maxRatio        uncompressed / compressed size of an entry larger than {@link #RATIO_FLOOR_BYTES}
 */
public record ArchiveLimits(long maxArchiveBytes, int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxRatio) {
    /** Entries smaller than this are not ratio-checked: a tiny file compressing well is harmless. */
    public static final long RATIO_FLOOR_BYTES = 64 * 1024;

    public ArchiveLimits {
        if (maxArchiveBytes < 1 || maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1 || maxRatio < 1) {
            throw new IllegalArgumentException("every archive limit must be positive");
        }
        if (maxArchiveBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("packages are read into memory: maxArchiveBytes must fit an array");
        }
    }

    /** @return caps for plugin packages: 32 MiB package, 4096 entries, 16 MiB per entry, 64 MiB in all, ratio 100 */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(32L << 20, 4096, 16L << 20, 64L << 20, 100);
    }
}
