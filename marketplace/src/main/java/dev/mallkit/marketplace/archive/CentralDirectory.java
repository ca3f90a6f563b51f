package dev.mallkit.marketplace.archive;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.mallkit.marketplace.archive.MalformedZip.require;

/**
 * Reads the zip central directory straight from the bytes, so that what java.util.zip would hide
 * or normalise (duplicate names, unix modes, raw name bytes, local headers that disagree, entries
 * sharing data) is seen exactly as an extractor elsewhere would see it. Together with
 * {@link LocalHeaders} it accounts for every byte of the file: one reading, whichever end a zip
 * parser starts from.
 */
final class CentralDirectory {
    static final int LOCAL_HEADER_SIZE = 30;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_LOCATOR_SIZE = 20;
    private static final int END_SIZE = 22;
    private static final int CENTRAL_SIZE = 46;
    private static final int MAX_COMMENT = 0xFFFF;

    private CentralDirectory() {
    }

    static List<RawEntry> read(byte[] zip, ArchiveLimits limits) throws MalformedZip {
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = findEnd(buf);
        require(end < ZIP64_LOCATOR_SIZE || buf.getInt(end - ZIP64_LOCATOR_SIZE) != ZIP64_LOCATOR_SIGNATURE,
                ArchiveProblem.ARCHIVE_ZIP64_UNSUPPORTED, "zip64 end locator");
        require(u16(buf, end + 4) == 0 && u16(buf, end + 6) == 0, ArchiveProblem.ARCHIVE_MALFORMED, "multi-disk archive");
        int onDisk = u16(buf, end + 8);
        int total = u16(buf, end + 10);
        long cdSize = u32(buf, end + 12);
        long cdOffset = u32(buf, end + 16);
        require(total != 0xFFFF && cdSize != 0xFFFFFFFFL && cdOffset != 0xFFFFFFFFL,
                ArchiveProblem.ARCHIVE_ZIP64_UNSUPPORTED, "zip64 end record");
        require(onDisk == total, ArchiveProblem.ARCHIVE_MALFORMED, "entry counts disagree");
        require(total <= limits.maxEntries(), ArchiveProblem.ARCHIVE_TOO_MANY_ENTRIES, total + " entries");
        require(cdOffset + cdSize <= end, ArchiveProblem.ARCHIVE_MALFORMED, "central directory overruns the end record");
        require(cdOffset + cdSize == end, ArchiveProblem.ARCHIVE_UNREFERENCED_DATA, "data between the central directory and the end record");
        List<RawEntry> entries = new ArrayList<>(total);
        int pos = (int) cdOffset;
        for (int i = 0; i < total; i++) {
            require(pos + CENTRAL_SIZE <= end && buf.getInt(pos) == CENTRAL_SIGNATURE, ArchiveProblem.ARCHIVE_MALFORMED, "bad central header " + i);
            int nameLength = u16(buf, pos + 28);
            int extraLength = u16(buf, pos + 30);
            int commentLength = u16(buf, pos + 32);
            int name = pos + CENTRAL_SIZE;
            int next = name + nameLength + extraLength + commentLength;
            require(next <= end, ArchiveProblem.ARCHIVE_MALFORMED, "central header " + i + " overruns the directory");
            require(u16(buf, pos + 34) == 0, ArchiveProblem.ARCHIVE_MALFORMED, "central header " + i + " names another disk");
            RawEntry entry = new RawEntry(Arrays.copyOfRange(zip, name, name + nameLength), u16(buf, pos + 8),
                    u16(buf, pos + 4), u16(buf, pos + 6), u16(buf, pos + 10), u16(buf, pos + 12), u16(buf, pos + 14),
                    u32(buf, pos + 16), u32(buf, pos + 20), u32(buf, pos + 24),
                    Arrays.copyOfRange(zip, name + nameLength, name + nameLength + extraLength),
                    u32(buf, pos + 38), u32(buf, pos + 42));
            require(entry.size() != 0xFFFFFFFFL && entry.compressedSize() != 0xFFFFFFFFL && entry.localHeaderOffset() != 0xFFFFFFFFL,
                    ArchiveProblem.ARCHIVE_ZIP64_UNSUPPORTED, "zip64 entry " + i);
            entries.add(entry);
            pos = next;
        }
        require(pos == end, ArchiveProblem.ARCHIVE_MALFORMED, "central directory size disagrees with its entries");
        LocalHeaders.check(buf, entries, (int) cdOffset);
        return entries;
    }

    /** Offset of the entry's data, after its local header (whose lengths {@link LocalHeaders} checked). */
    static int dataOffset(byte[] zip, RawEntry entry) {
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int local = (int) entry.localHeaderOffset();
        return local + LOCAL_HEADER_SIZE + u16(buf, local + 26) + u16(buf, local + 28);
    }

    /**
     * The end record whose comment runs exactly to the end of the file. Readers differ in which record
     * they take when there are several (java.util.zip takes the last plausible one, others the first),
     * so a second record that could be read as the end, or bytes after the comment, are refused.
     */
    private static int findEnd(ByteBuffer buf) throws MalformedZip {
        int last = buf.capacity() - END_SIZE;
        int found = -1;
        boolean anySignature = false;
        for (int pos = last; pos >= 0 && pos >= last - MAX_COMMENT; pos--) {
            if (buf.getInt(pos) != END_SIGNATURE) {
                continue;
            }
            long recordEnd = (long) pos + END_SIZE + u16(buf, pos + 20);
            boolean exact = recordEnd == buf.capacity();
            require(anySignature || recordEnd <= buf.capacity(), ArchiveProblem.ARCHIVE_MALFORMED, "the archive comment is truncated");
            require(anySignature || exact, ArchiveProblem.ARCHIVE_UNREFERENCED_DATA, "data after the end of central directory");
            require(found < 0 || !exact, ArchiveProblem.ARCHIVE_SECOND_END_RECORD, "end records at " + pos + " and " + found);
            anySignature = true;
            if (exact) {
                found = pos;
            }
        }
        require(found >= 0, ArchiveProblem.ARCHIVE_MALFORMED, "no end of central directory record");
        return found;
    }

    static int u16(ByteBuffer buf, int pos) {
        return Short.toUnsignedInt(buf.getShort(pos));
    }

    static long u32(ByteBuffer buf, int pos) {
        return Integer.toUnsignedLong(buf.getInt(pos));
    }
}
