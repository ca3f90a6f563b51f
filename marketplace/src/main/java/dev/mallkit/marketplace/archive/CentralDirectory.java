package dev.mallkit.marketplace.archive;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the zip central directory straight from the bytes, so that what java.util.zip would hide
 * or normalise (duplicate names, unix modes, raw name bytes, local headers that disagree, entries
 * sharing data) is seen exactly as an extractor elsewhere would see it.
 */
final class CentralDirectory {
    static final int LOCAL_SIGNATURE = 0x04034b50;
    static final int LOCAL_HEADER_SIZE = 30;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_SIZE = 22;
    private static final int CENTRAL_SIZE = 46;

    /** The structure is broken beyond per-entry findings. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        final ArchiveProblem problem;

        Malformed(ArchiveProblem problem, String message) {
            super(message, null, false, false);
            this.problem = problem;
        }
    }

    private CentralDirectory() {
    }

    static List<RawEntry> read(byte[] zip, ArchiveLimits limits) throws Malformed {
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = findEnd(buf);
        int commentLength = u16(buf, end + 20);
        if (end + END_SIZE + commentLength != zip.length) {
            throw new Malformed(ArchiveProblem.ARCHIVE_MALFORMED, "data after the end of central directory");
        }
        if (u16(buf, end + 4) != 0 || u16(buf, end + 6) != 0) {
            throw new Malformed(ArchiveProblem.ARCHIVE_MALFORMED, "multi-disk archive");
        }
        int onDisk = u16(buf, end + 8);
        int total = u16(buf, end + 10);
        long cdSize = u32(buf, end + 12);
        long cdOffset = u32(buf, end + 16);
        if (total == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
            throw new Malformed(ArchiveProblem.ARCHIVE_ZIP64_UNSUPPORTED, "zip64 end record");
        }
        if (onDisk != total) {
            throw new Malformed(ArchiveProblem.ARCHIVE_MALFORMED, "entry counts disagree");
        }
        if (total > limits.maxEntries()) {
            throw new Malformed(ArchiveProblem.ARCHIVE_TOO_MANY_ENTRIES, total + " entries");
        }
        if (cdOffset + cdSize != end) {
            throw new Malformed(ArchiveProblem.ARCHIVE_MALFORMED, "central directory is not where the end record says");
        }
        List<RawEntry> entries = new ArrayList<>(total);
        int pos = (int) cdOffset;
        for (int i = 0; i < total; i++) {
            require(pos + CENTRAL_SIZE <= end && buf.getInt(pos) == CENTRAL_SIGNATURE, "bad central header " + i);
            int nameLength = u16(buf, pos + 28);
            int extraLength = u16(buf, pos + 30);
            int commentLen = u16(buf, pos + 32);
            int next = pos + CENTRAL_SIZE + nameLength + extraLength + commentLen;
            require(next <= end, "central header " + i + " overruns the directory");
            RawEntry entry = new RawEntry(Arrays.copyOfRange(zip, pos + CENTRAL_SIZE, pos + CENTRAL_SIZE + nameLength),
                    u16(buf, pos + 8), u16(buf, pos + 4), u16(buf, pos + 10), u32(buf, pos + 16),
                    u32(buf, pos + 20), u32(buf, pos + 24), u32(buf, pos + 38), u32(buf, pos + 42));
            if (entry.size() == 0xFFFFFFFFL || entry.compressedSize() == 0xFFFFFFFFL || entry.localHeaderOffset() == 0xFFFFFFFFL) {
                throw new Malformed(ArchiveProblem.ARCHIVE_ZIP64_UNSUPPORTED, "zip64 entry " + i);
            }
            entries.add(entry);
            pos = next;
        }
        require(pos == end, "central directory size disagrees with its entries");
        checkLocalHeaders(buf, entries, (int) cdOffset);
        return entries;
    }

    /** Offset of the entry's data, after its local header. */
    static int dataOffset(byte[] zip, RawEntry entry) {
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int local = (int) entry.localHeaderOffset();
        return local + LOCAL_HEADER_SIZE + u16(buf, local + 26) + u16(buf, local + 28);
    }

    private static void checkLocalHeaders(ByteBuffer buf, List<RawEntry> entries, int cdOffset) throws Malformed {
        List<RawEntry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(RawEntry::localHeaderOffset));
        long previousEnd = 0;
        for (RawEntry entry : byOffset) {
            long local = entry.localHeaderOffset();
            if (local < previousEnd) {
                throw new Malformed(ArchiveProblem.ARCHIVE_OVERLAPPING_ENTRIES, "entry data overlaps at offset " + local);
            }
            require(local + LOCAL_HEADER_SIZE <= cdOffset && buf.getInt((int) local) == LOCAL_SIGNATURE,
                    "no local header at offset " + local);
            int nameLength = u16(buf, (int) local + 26);
            int extraLength = u16(buf, (int) local + 28);
            long dataStart = local + LOCAL_HEADER_SIZE + nameLength + extraLength;
            long dataEnd = dataStart + entry.compressedSize();
            require(dataEnd <= cdOffset, "entry data overruns the central directory");
            byte[] localName = new byte[nameLength];
            buf.get((int) local + LOCAL_HEADER_SIZE, localName);
            if (!Arrays.equals(localName, entry.nameBytes()) || u16(buf, (int) local + 8) != entry.method()) {
                throw new Malformed(ArchiveProblem.ARCHIVE_HEADER_MISMATCH, "local header differs at offset " + local);
            }
            previousEnd = dataEnd;
        }
    }

    private static int findEnd(ByteBuffer buf) throws Malformed {
        int last = buf.capacity() - END_SIZE;
        for (int pos = last; pos >= 0 && pos >= last - 0xFFFF; pos--) {
            if (buf.getInt(pos) == END_SIGNATURE) {
                return pos;
            }
        }
        throw new Malformed(ArchiveProblem.ARCHIVE_MALFORMED, "no end of central directory record");
    }

    private static void require(boolean condition, String message) throws Malformed {
        if (!condition) {
            throw new Malformed(ArchiveProblem.ARCHIVE_MALFORMED, message);
        }
    }

    private static int u16(ByteBuffer buf, int pos) {
        return Short.toUnsignedInt(buf.getShort(pos));
    }

    private static long u32(ByteBuffer buf, int pos) {
        return Integer.toUnsignedLong(buf.getInt(pos));
    }
}
