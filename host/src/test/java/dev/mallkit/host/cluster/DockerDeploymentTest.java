package dev.mallkit.host.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of docker/ hold together without a Docker engine: compose.yaml's services, volumes and
 * health checks, the cluster settings of every host, nginx's upstream list and the Dockerfile's shape;
 * and, where a compose CLI is installed, {@code docker compose config} accepts the file.
 */
class DockerDeploymentTest {
    private static final Path DOCKER = Path.of("..", "docker");

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsMysqlWithAVolumeAndSeveralClusteredHostsBehindNginx() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("mysql", "nginx");
        assertThat(services.get("mysql").get("image")).isEqualTo("mysql:8.4");
        assertThat((List<String>) services.get("mysql").get("volumes")).contains("mysql-data:/var/lib/mysql");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKey("mysql-data");

        List<String> hosts = services.keySet().stream().filter(s -> s.startsWith("host-")).sorted().toList();
        assertThat(hosts).hasSizeGreaterThanOrEqualTo(2);
        String nginx = Files.readString(DOCKER.resolve("nginx.conf"));
        List<String> upstream = new ArrayList<>();
        Matcher server = Pattern.compile("server\\s+(host-\\d+):8080").matcher(nginx);
        while (server.find()) {
            upstream.add(server.group(1));
        }
        assertThat(upstream).containsExactlyInAnyOrderElementsOf(hosts);
        for (String host : hosts) {
            Map<String, Object> env = (Map<String, Object>) services.get(host).get("environment");
            assertThat(env).containsEntry("MALLKIT_CLUSTER", "true").containsEntry("MALLKIT_CLUSTER_HOST", host)
                    .containsKeys("MALLKIT_JDBC_URL", "MALLKIT_SECRET_KEY", "MALLKIT_ADMIN_TOKEN");
            assertThat(env.get("MALLKIT_CLUSTER_MEMBERS").toString().split(","))
                    .containsExactlyInAnyOrderElementsOf(hosts.stream().map(h -> h + ":5701").toList());
            assertThat(env.get("MALLKIT_JDBC_URL").toString()).startsWith("jdbc:mysql://mysql:3306/");
        }
        for (String service : services.keySet()) {
            assertThat(services.get(service)).as(service + " has a health check").containsKey("healthcheck");
        }
    }

    @Test
    void theImageIsMultiStageNonRootWithAHealthCheckAndRunsJavaScriptCompiled() throws Exception {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        assertThat(Pattern.compile("^FROM ", Pattern.MULTILINE).matcher(dockerfile).results().count()).isEqualTo(2);
        assertThat(dockerfile).contains("FROM eclipse-temurin:25-jdk AS build", "FROM eclipse-temurin:25-jre", "USER 10001",
                "HEALTHCHECK", "/health");
        assertThat(Files.readString(DOCKER.resolve("entrypoint.sh")))
                .contains("-XX:+EnableJVMCI", "--upgrade-module-path=/opt/mallkit/graal", "dev.mallkit.host.Main");
        assertThat(Files.isExecutable(DOCKER.resolve("entrypoint.sh"))).isTrue();
    }

    @Test
    void theComposeCliAcceptsTheFile() throws Exception {
        List<String> cli = composeCli();
        Assumptions.assumeTrue(cli != null, "no `docker compose` or `docker-compose` on PATH");
        List<String> command = new ArrayList<>(cli);
        command.addAll(List.of("-f", DOCKER.resolve("compose.yaml").toString(), "config", "-q"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("MALLKIT_DB_PASSWORD", "pw", "MALLKIT_ADMIN_TOKEN", "token",
                "MALLKIT_SECRET_KEY", "a2V5"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    /** @return the first compose CLI that runs here, or null */
    private static List<String> composeCli() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                Process p = new ProcessBuilder(version).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (Exception e) {
                // not installed
            }
        }
        return null;
    }
}
