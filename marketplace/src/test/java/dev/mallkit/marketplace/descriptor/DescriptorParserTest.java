package dev.mallkit.marketplace.descriptor;

import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.marketplace.finding.Finding;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DescriptorParserTest {
    static final String VALID = """
            {"id":"gold-club","version":"1.2.0","provider":"acme","requires":">=1.0.0 & <2.0.0",
             "extensionPoints":["MembershipProgram"],"description":"Points",
             "configSchema":{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
               "properties":{"pointsPerYuan":{"type":"integer","minimum":0,"default":1}}}}
            """;

    private final DescriptorParser parser = new DescriptorParser();

    @Test
    void validDescriptorParsesWithSchemaAsJsonText() {
        DescriptorResult result = parse(VALID);

        assertThat(result.findings()).isEmpty();
        PluginDescriptor descriptor = result.descriptor().orElseThrow();
        assertThat(descriptor.id()).isEqualTo("gold-club");
        assertThat(descriptor.extensionPoints()).containsExactly("MembershipProgram");
        assertThat(descriptor.configSchema()).contains("\"pointsPerYuan\"");
        assertThat(descriptor.dependencies()).isEmpty();
    }

    @Test
    void notJsonIsInvalid() {
        assertThat(codes(parse("{nope"))).containsExactly("DESCRIPTOR_INVALID");
    }

    @Test
    void badIdAndMissingVersionAreInvalid() {
        assertThat(codes(parse(VALID.replace("gold-club", "Gold Club")))).containsExactly("DESCRIPTOR_INVALID");
        assertThat(codes(parse(VALID.replace("\"version\":\"1.2.0\",", "")))).containsExactly("DESCRIPTOR_INVALID");
    }

    @Test
    void extensionPointTheHostDoesNotRunIsBlocking() {
        PluginDescriptor descriptor = parse(VALID.replace("[\"MembershipProgram\"]", "[\"Teleporter\"]")).descriptor().orElseThrow();

        assertThat(DescriptorCheck.knownPoints(descriptor, Set.of("MembershipProgram"))).extracting(Finding::code)
                .containsExactly("DESCRIPTOR_UNKNOWN_EXTENSION_POINT");
        assertThat(DescriptorCheck.knownPoints(descriptor, Set.of("Teleporter"))).isEmpty();
    }

    @Test
    void schemaThatBreaksTheMetaSchemaIsRefused() {
        DescriptorResult result = parse(VALID.replace("\"type\":\"integer\"", "\"type\":\"integr\""));

        assertThat(codes(result)).containsOnly("DESCRIPTOR_SCHEMA_INVALID");
        assertThat(result.findings()).extracting(Finding::location).anyMatch(l -> l.contains("pointsPerYuan"));
    }

    @Test
    void schemaMustDescribeAnObjectAndBeAnObject() {
        assertThat(codes(parse(VALID.replace("\"type\":\"object\"", "\"type\":\"array\"")))).contains("DESCRIPTOR_SCHEMA_INVALID");
        assertThat(codes(parse(VALID.replaceFirst("\"configSchema\":\\{", "\"configSchema\":\"{\",\"x\":{")))).contains("DESCRIPTOR_INVALID");
    }

    @Test
    void remoteReferencesAreRefused() {
        String remote = VALID.replace("{\"type\":\"integer\",", "{\"$ref\":\"http://169.254.169.254/latest\",");

        assertThat(codes(parse(remote))).containsExactly("DESCRIPTOR_SCHEMA_REMOTE_REF");
    }

    @Test
    void ownershipAndVersionOrderAreChecked() {
        PluginDescriptor descriptor = parse(VALID).descriptor().orElseThrow();

        assertThat(DescriptorCheck.check(descriptor, "acme", Set.of("gold-club"), Optional.of("1.1.9"))).isEmpty();
        assertThat(DescriptorCheck.check(descriptor, "acme", Set.of("gold-club"), Optional.empty())).isEmpty();
        assertThat(DescriptorCheck.check(descriptor, "acme", Set.of("other"), Optional.empty()))
                .extracting(Finding::code).containsExactly("DESCRIPTOR_ID_NOT_OWNED");
        assertThat(DescriptorCheck.check(descriptor, "evil", Set.of("gold-club"), Optional.empty()))
                .extracting(Finding::code).containsExactly("DESCRIPTOR_PROVIDER_MISMATCH");
        assertThat(DescriptorCheck.check(descriptor, "acme", Set.of("gold-club"), Optional.of("1.2.0")))
                .extracting(Finding::code).containsExactly("DESCRIPTOR_VERSION_NOT_GREATER");
        assertThat(DescriptorCheck.check(descriptor, "acme", Set.of("gold-club"), Optional.of("1.10.0")))
                .extracting(Finding::code).containsExactly("DESCRIPTOR_VERSION_NOT_GREATER");
    }

    private DescriptorResult parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static java.util.List<String> codes(DescriptorResult result) {
        return result.findings().stream().map(Finding::code).toList();
    }
}
