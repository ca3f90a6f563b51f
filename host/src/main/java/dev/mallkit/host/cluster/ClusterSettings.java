package dev.mallkit.host.cluster;

import dev.mallkit.host.config.MallkitConfig;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * How this host joins a cluster: the Hazelcast member list over TCP/IP (no multicast, which container
 * networks and clouds rarely carry), the address this host announces, and its Hazelcast port.
 *
 * @param name    {@code MALLKIT_CLUSTER_NAME}, default {@code mallkit}: hosts only join a cluster of the same name
 * @param host    {@code MALLKIT_CLUSTER_HOST}, default 127.0.0.1: the address other hosts reach this one at,
 *                for Hazelcast and the event bus alike (a container's service name or IP in Docker)
 * @param port    {@code MALLKIT_CLUSTER_PORT}, default 5701: this host's Hazelcast port
 * @param members {@code MALLKIT_CLUSTER_MEMBERS}, comma-separated {@code host:port} of the hosts to join
 *                (this one may be listed too); default: this host alone
 */
public record ClusterSettings(String name, String host, int port, List<String> members) {
    public ClusterSettings {
        requireNonNull(name, "name is null");
        requireNonNull(host, "host is null");
        members = List.copyOf(requireNonNull(members, "members is null"));
        if (name.isBlank() || host.isBlank()) {
            throw new IllegalArgumentException("MALLKIT_CLUSTER_NAME and MALLKIT_CLUSTER_HOST must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("MALLKIT_CLUSTER_PORT must be 1-65535: " + port);
        }
        for (String member : members) {
            int colon = member.lastIndexOf(':');
            if (member.isBlank() || colon == 0 || (colon > 0 && !member.substring(colon + 1).matches("\\d{1,5}"))) {
                throw new IllegalArgumentException("MALLKIT_CLUSTER_MEMBERS entries are host or host:port: '" + member + "'");
            }
        }
    }

    /** Reads the settings from {@code env} ({@code MallkitConfig} has put {@code mallkit.cluster.*} system properties in). */
    public static ClusterSettings from(Map<String, String> env) {
        String host = setting(env, "HOST", "127.0.0.1");
        int port;
        try {
            port = Integer.parseInt(setting(env, "PORT", "5701"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MALLKIT_CLUSTER_PORT must be a whole number", e);
        }
        String members = setting(env, "MEMBERS", host + ":" + port);
        return new ClusterSettings(setting(env, "NAME", "mallkit"), host, port,
                Arrays.stream(members.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList());
    }

    /**
     * Refuses cluster mode without {@code MALLKIT_SECRET_KEY} and {@code MALLKIT_SIGNING_KEY}: each host would
     * otherwise generate its own keys in its data directory, could not read plugin secrets another host sealed,
     * and would refuse plugins another host signed.
     */
    public static void requireSharedKeys(MallkitConfig config) {
        if (config.secretKey() == null) {
            throw new IllegalStateException("MALLKIT_CLUSTER=true needs MALLKIT_SECRET_KEY (base64 of 32 random bytes, "
                    + "e.g. `openssl rand -base64 32`), the same on every host");
        }
        if (config.signingKeyDir() == null) {
            throw new IllegalStateException("MALLKIT_CLUSTER=true needs MALLKIT_SIGNING_KEY: a directory holding the platform's "
                    + "signing key pair, shared by every host (created on first start when empty)");
        }
    }

    private static String setting(Map<String, String> env, String name, String fallback) {
        String value = env.get("MALLKIT_CLUSTER_" + name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
