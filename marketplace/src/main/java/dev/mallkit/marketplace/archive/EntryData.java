package dev.mallkit.marketplace.archive;

import dev.mallkit.marketplace.finding.Finding;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates one entry from the inspected bytes (java.util.zip's {@link Inflater}) and stops as soon
 * as it produces more than it declared, so lying sizes and bombs never reach a sink in full. The
 * deflate stream must end exactly where the declared compressed size does, produce exactly the
 * declared size and match the declared CRC.
 */
final class EntryData {
    private static final int BUFFER = 64 * 1024;

    private EntryData() {
    }

    /** @return the bytes written to {@code out}, the entry's declared size */
    static long copy(byte[] zip, SafeArchive.Entry entry, ArchiveLimits limits, OutputStream out)
            throws IOException, UnsafeArchiveException {
        RawEntry raw = entry.raw();
        int offset = CentralDirectory.dataOffset(zip, raw);
        CRC32 crc = new CRC32();
        long produced;
        if (raw.method() == 0) {
            crc.update(zip, offset, (int) raw.size());
            checkHead(zip, offset, (int) raw.size(), entry.name());
            out.write(zip, offset, (int) raw.size());
            produced = raw.size();
        } else {
            produced = inflate(zip, offset, entry, Math.min(raw.size(), limits.maxEntryBytes()), limits, crc, out);
        }
        if (produced != raw.size()) {
            throw refuse(ArchiveProblem.ARCHIVE_SIZE_MISMATCH, entry.name());
        }
        if (crc.getValue() != raw.crc()) {
            throw refuse(ArchiveProblem.ARCHIVE_CRC_MISMATCH, entry.name());
        }
        return produced;
    }

    private static long inflate(byte[] zip, int offset, SafeArchive.Entry entry, long cap, ArchiveLimits limits, CRC32 crc,
                                OutputStream out) throws IOException, UnsafeArchiveException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(zip, offset, (int) entry.raw().compressedSize());
            byte[] buffer = new byte[BUFFER];
            long produced = 0;
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw refuse(ArchiveProblem.ARCHIVE_SIZE_MISMATCH, entry.name());
                }
                if (produced == 0) {
                    checkHead(buffer, 0, n, entry.name());
                }
                produced += n;
                if (produced > cap) {
                    throw refuse(produced > limits.maxEntryBytes() ? ArchiveProblem.ARCHIVE_ENTRY_TOO_LARGE
                            : ArchiveProblem.ARCHIVE_SIZE_MISMATCH, entry.name());
                }
                crc.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            if (inflater.getRemaining() != 0) {
                // bytes after the deflate stream's end are inside the entry yet read by no one
                throw refuse(ArchiveProblem.ARCHIVE_SIZE_MISMATCH, entry.name());
            }
            return produced;
        } catch (DataFormatException e) {
            throw refuse(ArchiveProblem.ARCHIVE_MALFORMED, entry.name());
        } finally {
            inflater.end();
        }
    }

    private static void checkHead(byte[] data, int offset, int length, String name) throws UnsafeArchiveException {
        byte[] head = new byte[Math.min(4, length)];
        System.arraycopy(data, offset, head, 0, head.length);
        if (ArchiveNames.looksLikeArchive(head, head.length)) {
            throw refuse(ArchiveProblem.ARCHIVE_NESTED_ARCHIVE, name);
        }
    }

    static UnsafeArchiveException refuse(ArchiveProblem problem, String name) {
        return new UnsafeArchiveException(List.of(
                Finding.blocking(Problems.CHECK, problem.name(), problem.description(), Problems.printable(name))));
    }
}
