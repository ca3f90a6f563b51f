package dev.mallkit.marketplace.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SafeExtractorTest {
    @TempDir
    Path sandbox;

    @Test
    void benignPackageIsExtractedAndDeletedOnClose() throws Exception {
        Path zip = sandbox.resolve("ok.zip");
        Files.write(zip, new RawZip()
                .add("mallkit-plugin.json", "{}")
                .add(RawZip.entry("classes/", "").stored())
                .add("classes/dev/A.class", "bytes")
                .add(new RawZip.Entry("assets/big.txt", "x".repeat(200_000).getBytes(StandardCharsets.UTF_8)).declaredSize(200_000))
                .build());
        Path temp = sandbox.resolve("tmp");
        SafeExtractor extractor = new SafeExtractor(new ArchiveLimits(1 << 20, 10, 1 << 20, 1 << 20, 5000), temp);

        Path root;
        try (ExtractedArchive extracted = extractor.extract(zip)) {
            root = extracted.root();
            assertThat(extracted.hasFile("classes/dev/A.class")).isTrue();
            assertThat(Files.readString(root.resolve("mallkit-plugin.json"))).isEqualTo("{}");
            assertThat(Files.size(root.resolve("assets/big.txt"))).isEqualTo(200_000);
            assertThat(root.startsWith(temp.toRealPath())).isTrue();
        }
        assertThat(root).doesNotExist();
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void ratioCapRefusesWhatTheDefaultsWouldAccept() throws IOException {
        Path zip = sandbox.resolve("zeros.zip");
        Files.write(zip, new RawZip().add(new RawZip.Entry("zeros.bin", new byte[200_000])).build());

        assertThat(new SafeArchive(ArchiveLimits.defaults()).check(zip)).extracting("code").containsExactly("ARCHIVE_COMPRESSION_BOMB");
        assertThat(new SafeArchive(new ArchiveLimits(1 << 20, 10, 1 << 20, 1 << 20, 5000)).check(zip)).isEmpty();
    }

    @Test
    void jarWrittenByJarOutputStreamWithDescriptorsCafeMarkerAndTimestampsIsAccepted() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, new Manifest())) {
            JarEntry entry = new JarEntry("dev/A.class");
            entry.setLastModifiedTime(FileTime.fromMillis(1_700_000_000_000L));
            entry.setLastAccessTime(FileTime.fromMillis(1_700_000_100_000L));
            jar.putNextEntry(entry);
            jar.write("class bytes".getBytes(StandardCharsets.UTF_8));
        }

        CheckedArchive archive = CheckedArchive.of(bytes.toByteArray(), ArchiveLimits.defaults());

        assertThat(archive.entryNames()).containsExactly("META-INF/MANIFEST.MF", "dev/A.class");
        assertThat(archive.file("dev/A.class")).hasValueSatisfying(data -> assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("class bytes"));
    }

    /** Maven's jar and assembly plugins build the first-party packages; they must keep passing (built by the plugins modules). */
    @Test
    void firstPartyPackagesBuiltByMavenAreAccepted() throws Exception {
        Path dist = Path.of("../plugins/target/dist");
        Assumptions.assumeTrue(Files.isDirectory(dist), "first-party packages not built");
        try (Stream<Path> packages = Files.list(dist)) {
            List<Path> all = packages.filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".zip")).toList();
            assertThat(all).isNotEmpty();
            for (Path pkg : all) {
                assertThat(new SafeArchive(ArchiveLimits.defaults()).check(pkg)).as(pkg.toString()).isEmpty();
            }
        }
    }

    @Test
    void symlinkedPackageFileIsRefused() throws IOException {
        Path real = sandbox.resolve("real.zip");
        Files.write(real, new RawZip().add("a.txt", "x").build());
        Path link = Files.createSymbolicLink(sandbox.resolve("link.zip"), real);

        assertThat(new SafeArchive(ArchiveLimits.defaults()).check(link)).extracting("code").containsExactly("ARCHIVE_UNREADABLE");
    }
}
