package dev.mallkit.host.js;

import dev.mallkit.host.Mallkit;
import dev.mallkit.host.runtime.PluginPackage;
import dev.mallkit.host.runtime.ZipSplice;
import dev.mallkit.marketplace.archive.SafeExtractor;
import dev.mallkit.marketplace.archive.UnsafeArchiveException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The archive attack of issue #17 against the host's JavaScript loader: review and loading read one zip alike. */
class JsArchiveAttackTest {
    private static final String DESCRIPTOR = """
            {"id": "attack-jumps", "version": "1.0.0", "provider": "test", "requires": ">=1.0.0 & <2.0.0",
             "extensionPoints": ["LiveJumpProvider"], "configSchema": {"type": "object"}}
            """;
    private static final String REVIEWED = JsTestPackages.TARGET_HELPER + "export function targets() { return t('reviewed'); }\n";
    private static final String SERVED = JsTestPackages.TARGET_HELPER + "export function targets() { return t('served'); }\n";

    @TempDir
    Path dir;

    @Test
    void extraUnreferencedLocalModuleIsRefusedByTheLoaderAsByReview() throws Exception {
        byte[] attack = ZipSplice.withUnreferencedLocal(honestZip(), JsPackage.MODULE, SERVED.getBytes(StandardCharsets.UTF_8));
        Path zip = Files.write(dir.resolve("attack-jumps-1.0.0.zip"), attack);
        assertThat(lastModuleSeenWalkingLocalHeaders(attack)).as("a local-header reader is served the other program").isEqualTo(SERVED);

        UnsafeArchiveException review = catchThrowableOfType(UnsafeArchiveException.class,
                () -> SafeExtractor.withDefaults().extract(zip).close());
        assertThat(review.findings()).extracting("code").contains("ARCHIVE_UNREFERENCED_DATA");
        assertThatThrownBy(() -> JsPackage.read(zip)).isInstanceOf(JsPackageException.class)
                .hasMessageContaining("ARCHIVE_UNREFERENCED_DATA");
        assertThatThrownBy(() -> new JsPluginLoader(Mallkit.standardPoints(), JsTestPackages.engine()).loadReviewed(zip))
                .isInstanceOf(JsPackageException.class).hasMessageContaining("ARCHIVE_UNREFERENCED_DATA");
    }

    @Test
    void honestZipServesTheReviewedModuleUnderTheHashOfItsBytes() throws Exception {
        Path zip = Files.write(dir.resolve("attack-jumps-1.0.0.zip"), honestZip());

        JsPackage pkg = JsPackage.read(zip);

        assertThat(pkg.script()).isEqualTo(REVIEWED);
        assertThat(pkg.sha256()).isEqualTo(PluginPackage.sha256(zip));
    }

    private static byte[] honestZip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("mallkit-plugin.json"));
            out.write(DESCRIPTOR.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry(JsPackage.MODULE));
            out.write(REVIEWED.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String lastModuleSeenWalkingLocalHeaders(byte[] zip) throws IOException {
        String module = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().equals(JsPackage.MODULE)) {
                    module = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        return module;
    }
}
