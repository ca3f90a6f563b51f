package dev.mallkit.marketplace.archive;

import static java.util.Objects.requireNonNull;

/**
 * One central-directory record as it is in the file, before any library interprets it. Its local
 * header must repeat every field but the ones only the directory has (version made by, attributes).
 *
 * @param nameBytes          the raw name
 * @param flags              general purpose bit flags (bit 0 encrypted, bit 3 data descriptor, bit 11 UTF-8)
 * @param versionMadeBy      high byte is the host system (3 = unix)
 * @param versionNeeded      version needed to extract, 10 × major + minor
 * @param method             0 stored, 8 deflated
 * @param time               DOS modification time
 * @param date               DOS modification date
 * @param crc                declared CRC-32
 * @param compressedSize     declared compressed size
 * @param size               declared uncompressed size
 * @param extra              the directory's extra field
 * @param externalAttributes for unix hosts the high 16 bits are the file mode
 * @param localHeaderOffset  where the entry's local header starts
 */
record RawEntry(byte[] nameBytes, int flags, int versionMadeBy, int versionNeeded, int method, int time, int date,
                long crc, long compressedSize, long size, byte[] extra, long externalAttributes, long localHeaderOffset) {
    static final int UNIX_TYPE_MASK = 0170000;
    static final int UNIX_SYMLINK = 0120000;
    static final int UNIX_REGULAR = 0100000;
    static final int UNIX_DIRECTORY = 0040000;
    static final int FLAG_DESCRIPTOR = 0x0008;
    static final int FLAG_UTF8 = 0x0800;
    /** Traditional encryption (bit 0), strong encryption (bit 6), a masked local header (bit 13). */
    static final int FLAGS_ENCRYPTED = 0x0001 | 0x0040 | 0x2000;
    /** What a plain deflate writer may set besides encryption: deflate options, descriptor, UTF-8. */
    static final int FLAGS_KNOWN = FLAGS_ENCRYPTED | 0x0006 | FLAG_DESCRIPTOR | FLAG_UTF8;

    RawEntry {
        requireNonNull(nameBytes, "nameBytes is null");
        requireNonNull(extra, "extra is null");
    }

    boolean utf8() {
        return (flags & FLAG_UTF8) != 0;
    }

    boolean encrypted() {
        return (flags & FLAGS_ENCRYPTED) != 0;
    }

    boolean hasDescriptor() {
        return (flags & FLAG_DESCRIPTOR) != 0;
    }

    int unixFileType() {
        return (int) (externalAttributes >>> 16) & UNIX_TYPE_MASK;
    }
}
