package dev.mallkit.host.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The attack that was reviewed as one program and served as another: a finished zip gets an extra
 * local header and data that its central directory does not name. Readers of the directory (review,
 * JarFile) never see it; readers walking local headers (ZipInputStream, the old JS loader) do.
 */
public final class ZipSplice {
    private ZipSplice() {
    }

    /** @return {@code zip} with {@code name} holding {@code content} after its last entry, referenced by nothing */
    public static byte[] withUnreferencedLocal(byte[] zip, String name, byte[] content) {
        byte[] record = localRecord(name, content);
        int cd = centralDirectoryOffset(zip);
        byte[] spliced = new byte[zip.length + record.length];
        System.arraycopy(zip, 0, spliced, 0, cd);
        System.arraycopy(record, 0, spliced, cd, record.length);
        System.arraycopy(zip, cd, spliced, cd + record.length, zip.length - cd);
        // the end record must still find the directory, now further on
        ByteBuffer.wrap(spliced).order(ByteOrder.LITTLE_ENDIAN).putInt(spliced.length - 22 + 16, cd + record.length);
        return spliced;
    }

    /** A stored entry's local header and data as ZipOutputStream writes them (stored: no data descriptor). */
    private static byte[] localRecord(String name, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry(name);
            CRC32 crc = new CRC32();
            crc.update(content);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(content.length);
            entry.setCrc(crc.getValue());
            out.putNextEntry(entry);
            out.write(content);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] zip = bytes.toByteArray();
        return Arrays.copyOf(zip, centralDirectoryOffset(zip));
    }

    private static int centralDirectoryOffset(byte[] zip) {
        return ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).getInt(zip.length - 22 + 16);
    }
}
