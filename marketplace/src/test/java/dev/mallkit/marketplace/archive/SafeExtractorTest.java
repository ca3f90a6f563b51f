package dev.mallkit.marketplace.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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
    void symlinkedPackageFileIsRefused() throws IOException {
        Path real = sandbox.resolve("real.zip");
        Files.write(real, new RawZip().add("a.txt", "x").build());
        Path link = Files.createSymbolicLink(sandbox.resolve("link.zip"), real);

        assertThat(new SafeArchive(ArchiveLimits.defaults()).check(link)).extracting("code").containsExactly("ARCHIVE_UNREADABLE");
    }
}
