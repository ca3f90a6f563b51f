package dev.mallkit.marketplace.archive;

import static java.util.Objects.requireNonNull;

/**
 * One central-directory record as it is in the file, before any library interprets it.
 *
 * @param nameBytes          the raw name
 * @param flags              general purpose bit flags (bit 0 encrypted, bit 11 UTF-8)
 * @param versionMadeBy      high byte is the host system (3 = unix)
 * @param method             0 stored, 8 deflated
 * @param crc                declared CRC-32
 * @param compressedSize     declared compressed size
 * @param size               declared uncompressed size
 * @param externalAttributes for unix hosts the high 16 bits are the file mode
 * @param localHeaderOffset  where the entry's local header starts
 */
record RawEntry(byte[] nameBytes, int flags, int versionMadeBy, int method, long crc, long compressedSize, long size,
                long externalAttributes, long localHeaderOffset) {
    static final int UNIX_TYPE_MASK = 0170000;
    static final int UNIX_SYMLINK = 0120000;
    static final int UNIX_REGULAR = 0100000;
    static final int UNIX_DIRECTORY = 0040000;

    RawEntry {
        requireNonNull(nameBytes, "nameBytes is null");
    }

    boolean utf8() {
        return (flags & 0x800) != 0;
    }

    boolean encrypted() {
        return (flags & 1) != 0;
    }

    int unixFileType() {
        return (int) (externalAttributes >>> 16) & UNIX_TYPE_MASK;
    }
}
