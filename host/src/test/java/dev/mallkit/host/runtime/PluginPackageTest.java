package dev.mallkit.host.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginPackageTest {
    @TempDir
    Path dir;

    @Test
    void readsDescriptorHashAndSchemaObjectAsJsonText() throws Exception {
        Path jar = TestPluginJar.liveJumpProvider("acme-jumps", "1.2.3", "return List.of();")
                .configSchema("{\"type\":\"object\",\"properties\":{\"appid\":{\"type\":\"string\"}}}")
                .build(dir);

        PluginPackage pkg = PluginPackage.read(jar);

        assertThat(pkg.descriptor().id()).isEqualTo("acme-jumps");
        assertThat(pkg.descriptor().version()).isEqualTo("1.2.3");
        assertThat(pkg.descriptor().extensionPoints()).containsExactly("LiveJumpProvider");
        assertThat(new ObjectMapper().readTree(pkg.descriptor().configSchema()).at("/properties/appid/type").asText())
                .isEqualTo("string");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        assertThat(pkg.sha256()).isEqualTo(expected);
    }

    @Test
    void manifestVersionDisagreeingWithDescriptorIsRefused() {
        Path jar = TestPluginJar.liveJumpProvider("acme-jumps", "1.0.0", "return List.of();").manifestVersion("1.0.1").build(dir);

        assertThatThrownBy(() -> PluginPackage.read(jar))
                .isInstanceOf(PluginPackageException.class)
                .hasMessageContaining("manifest says acme-jumps@1.0.1");
    }

    @Test
    void pluginForAnotherApiMajorIsRefused() {
        Path jar = TestPluginJar.liveJumpProvider("acme-jumps", "1.0.0", "return List.of();").requires(">=2.0.0 & <3.0.0").build(dir);

        assertThatThrownBy(() -> PluginPackage.read(jar))
                .isInstanceOf(PluginPackageException.class)
                .hasMessageContaining("requires plugin API >=2.0.0 & <3.0.0");
    }

    @Test
    void apiRangesAreCheckedAgainstThisHostsApiVersion() {
        assertThat(PluginPackage.supportsApi(">=1.0.0 & <2.0.0")).isTrue();
        assertThat(PluginPackage.supportsApi(">=1.1.0")).isFalse();
        assertThat(PluginPackage.supportsApi("<1.0.0 | >=3.0.0")).isFalse();
    }

    @Test
    void jarWithoutDescriptorIsRefused() {
        Path jar = TestPluginJar.liveJumpProvider("acme-jumps", "1.0.0", "return List.of();").withoutDescriptor().build(dir);

        assertThatThrownBy(() -> PluginPackage.read(jar))
                .isInstanceOf(PluginPackageException.class)
                .hasMessageContaining("has no mallkit-plugin.json");
    }

    @Test
    void descriptorMissingAFieldOrWithAStringSchemaIsRefused() {
        Path noProvider = TestPluginJar.liveJumpProvider("acme-a", "1.0.0", "return List.of();")
                .descriptorJson("{\"id\":\"acme-a\",\"version\":\"1.0.0\",\"requires\":\"*\",\"extensionPoints\":[\"LiveJumpProvider\"]}")
                .build(dir);
        Path stringSchema = TestPluginJar.liveJumpProvider("acme-b", "1.0.0", "return List.of();")
                .configSchema("\"{}\"").build(dir);

        assertThatThrownBy(() -> PluginPackage.read(noProvider)).isInstanceOf(PluginPackageException.class)
                .hasMessageContaining("'provider'");
        assertThatThrownBy(() -> PluginPackage.read(stringSchema)).isInstanceOf(PluginPackageException.class)
                .hasMessageContaining("'configSchema'");
    }

    @Test
    void fileThatIsNotAJarIsRefused() throws Exception {
        Path notJar = Files.writeString(dir.resolve("x.jar"), "not a zip");

        assertThatThrownBy(() -> PluginPackage.read(notJar)).isInstanceOf(PluginPackageException.class)
                .hasMessageContaining("not a readable jar");
        assertThatThrownBy(() -> PluginPackage.read(dir.resolve("missing.jar"))).isInstanceOf(PluginPackageException.class)
                .hasMessageContaining("is not a file");
    }
}
