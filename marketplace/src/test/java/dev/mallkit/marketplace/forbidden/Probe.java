package dev.mallkit.marketplace.forbidden;

import static java.util.Objects.requireNonNull;

/**
 * One evasion of a name-matching forbidden-API check.
 *
 * @param name      what it tries, for the test's display name
 * @param code      the finding code that must report it
 * @param className the probe's fully qualified class name
 * @param location  the finding's location: {@code class#method:line}, {@code class#method:@offset}, or a class
 * @param source    Java source of the probe class; null for ASM-built probes
 * @param bytes     the class file of an ASM-built probe; null for source probes
 */
record Probe(String name, String code, String className, String location, String source, byte[] bytes) {
    Probe {
        requireNonNull(name, "name is null");
        requireNonNull(code, "code is null");
        requireNonNull(className, "className is null");
        requireNonNull(location, "location is null");
    }

    @Override
    public String toString() {
        return code + " " + name;
    }
}
