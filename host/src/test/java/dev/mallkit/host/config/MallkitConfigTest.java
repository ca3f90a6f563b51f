package dev.mallkit.host.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MallkitConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsToEmbeddedH2UnderTheDataDirectory() {
        MallkitConfig config = MallkitConfig.from(Map.of("MALLKIT_DATA_DIR", dir.toString()));
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:" + dir.resolve("db")).contains("MODE=MySQL");
        assertThat(config.pluginsDir()).isEqualTo(dir.resolve("plugins"));
        assertThat(config.adminToken()).isNull();
        assertThat(config.devMode()).isFalse();
    }

    @Test
    void environmentOverridesTheConfigFile() throws Exception {
        Path file = dir.resolve("mallkit.properties");
        Files.writeString(file, "http.port=9000\njdbc.url=jdbc:mysql://db:3306/mallkit\nbody.limit=2048\ndev.mode=true\n");
        MallkitConfig config = MallkitConfig.from(Map.of("MALLKIT_CONFIG", file.toString(), "MALLKIT_HTTP_PORT", "9100"));
        assertThat(config.httpPort()).isEqualTo(9100);
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:mysql://db:3306/mallkit");
        assertThat(config.embeddedDatabase()).isFalse();
        assertThat(config.bodyLimit()).isEqualTo(2048);
        assertThat(config.devMode()).isTrue();
    }

    @Test
    void badValuesAreRefusedWithTheVariableName() {
        assertThatThrownBy(() -> MallkitConfig.from(Map.of("MALLKIT_HTTP_PORT", "eighty")))
                .hasMessageContaining("MALLKIT_HTTP_PORT");
        assertThatThrownBy(() -> MallkitConfig.from(Map.of("MALLKIT_CONFIG", dir.resolve("missing.properties").toString())))
                .hasMessageContaining("config file not found");
    }
}
