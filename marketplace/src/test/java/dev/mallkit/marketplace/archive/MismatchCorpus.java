package dev.mallkit.marketplace.archive;

import dev.mallkit.marketplace.archive.HostileCorpus.HostileCase;
import dev.mallkit.marketplace.archive.RawZip.Descriptor;
import dev.mallkit.marketplace.archive.RawZip.Field;
import dev.mallkit.marketplace.archive.RawZip.Side;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * Archives whose two readings disagree: a local header against its directory entry, a data
 * descriptor against both, bytes no entry owns, a second end record. Each is generated over every
 * field, mutation and position, so a rule that forgets one case fails here.
 */
final class MismatchCorpus {
    private static final String MISMATCH = "ARCHIVE_HEADER_MISMATCH";
    private static final String UNREFERENCED = "ARCHIVE_UNREFERENCED_DATA";
    private static final String DESCRIPTOR = "ARCHIVE_DESCRIPTOR_MISMATCH";
    private static final String EXTRA = "ARCHIVE_EXTRA_FIELD_MISMATCH";
    private static final List<Field> COMPARED = List.of(Field.VERSION_NEEDED, Field.FLAGS, Field.METHOD, Field.TIME,
            Field.DATE, Field.CRC, Field.COMPRESSED_SIZE, Field.SIZE);

    private MismatchCorpus() {
    }

    static void addTo(List<HostileCase> cases) {
        headerFields(cases);
        names(cases);
        extras(cases);
        descriptors(cases);
        gaps(cases);
        endRecords(cases);
        overlaps(cases);
    }

    /** Three entries, the middle one the target: a mismatch must be found wherever the entry sits. */
    private static RawZip threeAround(RawZip.Entry target) {
        return new RawZip().add("mallkit-plugin.json", "{}").add(target).add("b.txt", "after");
    }

    private static RawZip.Entry module(boolean stored) {
        RawZip.Entry e = RawZip.entry("index.mjs", "export const x = 1;");
        return stored ? e.stored() : e;
    }

    private static void headerFields(List<HostileCase> cases) {
        List<LongUnaryOperator> changes = List.of(v -> v + 1, v -> v ^ 0x8000, v -> v ^ 0x100);
        for (Field field : COMPARED) {
            for (Side side : Side.values()) {
                for (int c = 0; c < changes.size(); c++) {
                    for (boolean stored : new boolean[] {true, false}) {
                        RawZip.Entry e = module(stored).mutate(side, field, changes.get(c));
                        cases.add(new HostileCase("header " + side + " " + field + " change " + c + (stored ? " stored" : " deflated"),
                                threeAround(e).build(), MISMATCH));
                    }
                }
            }
        }
        for (LongUnaryOperator change : List.<LongUnaryOperator>of(v -> v + 1, v -> v - 1)) {
            for (boolean stored : new boolean[] {true, false}) {
                cases.add(new HostileCase("local name length off by one " + (stored ? "stored" : "deflated"),
                        threeAround(module(stored).mutate(Side.LOCAL, Field.NAME_LENGTH, change)).build(), MISMATCH));
            }
        }
    }

    private static void names(List<HostileCase> cases) {
        for (String local : List.of("index.js", "Index.mjs", "index.mjs2", "evil.mjs", "index.mj\0", "../index.mjs", "index.mjt")) {
            for (boolean stored : new boolean[] {true, false}) {
                cases.add(new HostileCase("local name " + local.replace("\0", "\\0") + " for index.mjs" + (stored ? " stored" : ""),
                        threeAround(module(stored).localName(local)).build(), MISMATCH));
            }
        }
    }

    private static byte[] block(int id, int... data) {
        ByteBuffer block = ByteBuffer.allocate(4 + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) id).putShort((short) data.length);
        for (int b : data) {
            block.put((byte) b);
        }
        return block.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void extras(List<HostileCase> cases) {
        byte[] cafe = block(0xCAFE);
        byte[] unix = block(0x7875, 1, 4, 0xe8, 3, 0, 0, 4, 0xe8, 3, 0, 0);
        byte[] stamp = block(0x5455, 1, 1, 2, 3, 4);
        byte[] otherStamp = block(0x5455, 1, 9, 9, 9, 9);
        byte[] truncated = {(byte) 0x75, (byte) 0x78, 40, 0, 1, 2};
        byte[] zip64 = block(0x0001, new int[16]);
        Object[][] pairs = {
                {cafe, new byte[0], EXTRA}, {new byte[0], cafe, EXTRA}, {unix, cafe, EXTRA},
                {concat(cafe, unix), concat(unix, cafe), EXTRA}, {unix, block(0x7875, new int[11]), EXTRA},
                {stamp, otherStamp, EXTRA}, {stamp, concat(stamp, new byte[] {0}), EXTRA},
                {truncated, truncated, EXTRA}, {new byte[] {1, 2, 3}, new byte[] {1, 2, 3}, EXTRA},
                {zip64, zip64, "ARCHIVE_ZIP64_UNSUPPORTED"}, {concat(cafe, new byte[] {0}), cafe, EXTRA}};
        for (int i = 0; i < pairs.length; i++) {
            for (boolean stored : new boolean[] {true, false}) {
                RawZip.Entry e = module(stored).extras((byte[]) pairs[i][0], (byte[]) pairs[i][1]);
                cases.add(new HostileCase("extra field pair " + i + (stored ? " stored" : ""), threeAround(e).build(), (String) pairs[i][2]));
            }
        }
    }

    private static void descriptors(List<HostileCase> cases) {
        RawZip.Entry honest = module(false);
        long crc = RawZip.crc(honest);
        long compressed = RawZip.deflate(honest.data).length;
        long size = honest.data.length;
        for (boolean signed : new boolean[] {true, false}) {
            long[][] lies = {{crc + 1, compressed, size}, {crc ^ 0x80000000L, compressed, size}, {crc, compressed + 1, size},
                    {crc, compressed - 1, size}, {crc, compressed, size + 1}, {crc, compressed, 0}, {0, 0, 0}};
            for (long[] lie : lies) {
                RawZip.Entry e = module(false).descriptor(Descriptor.SIGNED)
                        .descriptorBytes(RawZip.descriptorOf(signed, lie[0], lie[1], lie[2]));
                cases.add(new HostileCase("descriptor " + (signed ? "signed " : "unsigned ") + Arrays.toString(lie),
                        threeAround(e).build(), DESCRIPTOR));
            }
            ByteBuffer zip64 = ByteBuffer.allocate(signed ? 24 : 20).order(ByteOrder.LITTLE_ENDIAN);
            if (signed) {
                zip64.putInt(0x08074b50);
            }
            zip64.putInt((int) crc).putLong(compressed).putLong(size);
            cases.add(new HostileCase("zip64 descriptor " + (signed ? "signed" : "unsigned"),
                    threeAround(module(false).descriptor(Descriptor.SIGNED).descriptorBytes(zip64.array())).build(), DESCRIPTOR));
            Descriptor kind = signed ? Descriptor.SIGNED : Descriptor.UNSIGNED;
            cases.add(new HostileCase("stored entry with a descriptor " + kind, threeAround(module(true).descriptor(kind)).build(), DESCRIPTOR));
            cases.add(new HostileCase("descriptor written without its flag " + kind,
                    threeAround(module(false).descriptorBytes(RawZip.descriptorOf(signed, crc, compressed, size))).build(), UNREFERENCED));
        }
        cases.add(new HostileCase("descriptor flag, no descriptor",
                threeAround(module(false).descriptor(Descriptor.SIGNED).descriptorBytes(new byte[0])).build(), DESCRIPTOR));
        for (Field field : List.of(Field.CRC, Field.COMPRESSED_SIZE, Field.SIZE)) {
            cases.add(new HostileCase("descriptor entry with a wrong local " + field,
                    threeAround(module(false).descriptor(Descriptor.SIGNED).mutate(Side.LOCAL, field, v -> 7)).build(), MISMATCH));
        }
    }

    private static void gaps(List<HostileCase> cases) {
        byte[] evil = RawZip.localRecord(RawZip.entry("index.mjs", "globalThis.pwned = true;"));
        byte[] noise = new byte[100];
        new Random(3).nextBytes(noise);
        List<byte[]> fillers = List.of(new byte[1], new byte[16], noise, evil, "PK\3\4".getBytes(StandardCharsets.ISO_8859_1),
                RawZip.descriptorOf(true, 0, 0, 0));
        for (byte[] filler : fillers) {
            String what = filler == evil ? "an unreferenced local index.mjs" : filler.length + " bytes";
            for (int after = -1; after <= 2; after++) {
                RawZip zip = threeAround(module(false)).gapAfter(after, filler);
                cases.add(new HostileCase(what + " after entry " + after, zip.build(), UNREFERENCED));
            }
            cases.add(new HostileCase(what + " before the end record", threeAround(module(false)).beforeEnd(filler).build(), UNREFERENCED));
            cases.add(new HostileCase(what + " after the end record", threeAround(module(false)).trailing(filler).build(), UNREFERENCED));
        }
    }

    private static void endRecords(List<HostileCase> cases) {
        UnaryOperator<byte[]> doubled = bytes -> {
            byte[] end = Arrays.copyOfRange(bytes, bytes.length - 22, bytes.length);
            return concat(bytes, end);
        };
        cases.add(new HostileCase("end record repeated", threeAround(module(false)).build(doubled), UNREFERENCED));
        byte[] good = threeAround(module(false)).build();
        byte[] innerEnd = Arrays.copyOfRange(good, good.length - 22, good.length);
        innerEnd[20] = 0;
        cases.add(new HostileCase("an end record inside the comment", threeAround(module(false)).comment(innerEnd).build(), "ARCHIVE_SECOND_END_RECORD"));
        cases.add(new HostileCase("comment length longer than the comment",
                threeAround(module(false)).build(bytes -> {
                    byte[] copy = bytes.clone();
                    copy[copy.length - 2] = 5;
                    return copy;
                }), "ARCHIVE_MALFORMED"));
        byte[] locator = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putInt(0x07064b50).array();
        cases.add(new HostileCase("zip64 end locator", threeAround(module(false)).beforeEnd(locator).build(), "ARCHIVE_ZIP64_UNSUPPORTED"));
        cases.add(new HostileCase("version needed 4.5", threeAround(module(false)
                .mutate(Side.LOCAL, Field.VERSION_NEEDED, v -> 45).mutate(Side.CENTRAL, Field.VERSION_NEEDED, v -> 45)).build(),
                "ARCHIVE_ZIP64_UNSUPPORTED"));
        for (int version : new int[] {46, 51, 63}) {
            cases.add(new HostileCase("version needed " + version, threeAround(module(false)
                    .mutate(Side.LOCAL, Field.VERSION_NEEDED, v -> version).mutate(Side.CENTRAL, Field.VERSION_NEEDED, v -> version)).build(),
                    "ARCHIVE_UNSUPPORTED_VERSION"));
        }
        for (int flag : new int[] {0x10, 0x20, 0x80, 0x1000, 0x4000}) {
            cases.add(new HostileCase("unknown flag " + Integer.toHexString(flag), threeAround(module(false).flags(0x800 | flag)).build(),
                    "ARCHIVE_UNSUPPORTED_VERSION"));
        }
        for (int flag : new int[] {0x40, 0x2000}) {
            cases.add(new HostileCase("strong encryption flag " + Integer.toHexString(flag),
                    threeAround(module(false).flags(0x800 | flag)).build(), "ARCHIVE_ENCRYPTED"));
        }
        for (int method : new int[] {1, 6, 9, 12, 14, 93, 95, 99}) {
            cases.add(new HostileCase("method " + method, threeAround(module(true).method(method)).build(), "ARCHIVE_UNSUPPORTED_METHOD"));
        }
    }

    private static void overlaps(List<HostileCase> cases) {
        String overlapping = "ARCHIVE_OVERLAPPING_ENTRIES";
        cases.add(new HostileCase("second entry points at the first's header",
                new RawZip().add("index.mjs", "a").add(RawZip.entry("other.mjs", "a").sharesDataOf(0)).build(), null));
        cases.add(new HostileCase("two names, one body", new RawZip().add("a.txt", "shared").add("b.txt", "x")
                .add(RawZip.entry("c.txt", "shared").sharesDataOf(0)).build(), null));
        cases.add(new HostileCase("local offset moved into the previous entry", threeAround(module(false)).build(bytes -> {
                    ByteBuffer buf = ByteBuffer.wrap(bytes.clone()).order(ByteOrder.LITTLE_ENDIAN);
                    int cd = buf.getInt(bytes.length - 6);
                    int second = cd + 46 + "mallkit-plugin.json".length();
                    buf.putInt(second + 42, buf.getInt(second + 42) - 3);
                    return buf.array();
                }), overlapping));
    }
}
