package dev.mallkit.marketplace.forbidden;

import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.testing.PluginJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What plugins legitimately write passes: the first-party plugins, the archetype, and what javac emits for modern Java. */
class LegitimatePluginCodeTest {
    static final Path PLUGINS = Path.of("../plugins");

    @TempDir
    Path dir;

    static Stream<Path> firstPartyJavaPlugins() throws IOException {
        List<Path> modules;
        try (Stream<Path> children = Files.list(PLUGINS)) {
            modules = children.filter(m -> Files.exists(m.resolve("src/main/resources/mallkit-plugin.json"))
                    && Files.isDirectory(m.resolve("src/main/java"))).sorted().toList();
        }
        assertThat(modules).as("first-party Java plugins under " + PLUGINS.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(7);
        return modules.stream();
    }

    @ParameterizedTest
    @MethodSource("firstPartyJavaPlugins")
    void firstPartyPluginHasNoFinding(Path module) throws IOException {
        PluginJars jars = PluginJars.in(dir);
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java")).toList()) {
                String source = Files.readString(file);
                jars.source(className(source, file), source);
            }
        }

        assertThat(ForbiddenApiCheck.withPlatformRules().check(jars.compile())).as(module.getFileName().toString()).isEmpty();
    }

    @Test
    void archetypeProjectHasNoFinding() throws IOException {
        Path template = PLUGINS.resolve("mallkit-plugin-archetype/src/main/resources/archetype-resources/src/main/java");
        PluginJars jars = PluginJars.in(dir);
        try (Stream<Path> files = Files.list(template)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file).replace("${package}", "com.example.jump");
                jars.source(className(source, file), source);
            }
        }

        assertThat(ForbiddenApiCheck.withPlatformRules().check(jars.compile())).isEmpty();
    }

    @Test
    void modernJavaConstructsHaveNoFinding() throws IOException {
        Path classes = PluginJars.in(dir).source("acme.Modern", """
                package acme;
                import java.util.*;
                import java.util.concurrent.*;
                import java.util.concurrent.atomic.AtomicLong;
                import java.util.stream.*;
                public class Modern {
                    sealed interface Shape permits Circle, Square { }
                    record Circle(double r) implements Shape { }
                    record Square(double side) implements Shape { }
                    enum Tier { SILVER, GOLD }
                    private static final AtomicLong CALLS = new AtomicLong();
                    private final Map<String, Long> cache = new ConcurrentHashMap<>();
                    static double area(Shape s) {
                        return switch (s) {
                            case Circle c when c.r() > 10 -> -1;
                            case Circle c -> Math.PI * c.r() * c.r();
                            case Square q -> q.side() * q.side();
                        };
                    }
                    static String label(Object o) {
                        return switch (o) {
                            case Tier t when t == Tier.GOLD -> "gold";
                            case Tier.SILVER -> "silver";
                            case Integer i -> "int " + i;
                            case String s -> s.strip();
                            default -> String.valueOf(o);
                        };
                    }
                    static int rank(Tier t) {
                        return switch (t) { case SILVER -> 1; case GOLD -> 2; };
                    }
                    long run(List<String> skus) throws Exception {
                        assert skus != null;
                        CALLS.incrementAndGet();
                        String text = \"""
                            a text block for %s
                            \""".formatted(skus.size());
                        try (var out = new java.io.StringWriter(); var w = new java.io.PrintWriter(out)) {
                            w.print(text);
                        }
                        Map<Boolean, List<String>> parts = skus.stream().filter(Objects::nonNull).map(String::trim)
                                .collect(Collectors.partitioningBy(s -> s.startsWith("A")));
                        Optional<String> first = skus.stream().sorted(Comparator.comparing(String::length)).findFirst();
                        long total = IntStream.range(0, skus.size()).mapToLong(i -> skus.get(i).hashCode()).sum();
                        java.math.BigDecimal money = new java.math.BigDecimal("1.10").setScale(2, java.math.RoundingMode.HALF_UP);
                        var when = java.time.Instant.parse("2026-01-01T00:00:00Z").plus(java.time.Duration.ofDays(1));
                        var matcher = java.util.regex.Pattern.compile("(\\\\d+)").matcher(text);
                        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        CompletableFuture<Long> done = CompletableFuture.completedFuture(total).thenApply(x -> x + 1);
                        if (Thread.currentThread().isInterrupted()) {
                            throw new InterruptedException("stopped");
                        }
                        cache.computeIfAbsent("k", k -> total);
                        Runnable r = () -> cache.clear();
                        r.run();
                        return parts.size() + first.map(String::length).orElse(0) + money.intValue() + when.getNano()
                                + (matcher.find() ? 1 : 0) + digest.length + done.join() + rank(Tier.GOLD) + label(3).length()
                                + (long) area(new Square(2)) + HexFormat.of().formatHex(digest).length() + getClass().getSimpleName().length();
                    }
                }
                """).compile();

        assertThat(ForbiddenApiCheck.withPlatformRules().check(classes)).isEmpty();
    }

    private static String className(String source, Path file) {
        String pkg = source.lines().filter(l -> l.startsWith("package ")).findFirst()
                .map(l -> l.substring(8, l.indexOf(';')).trim() + ".").orElse("");
        String simple = file.getFileName().toString();
        return pkg + simple.substring(0, simple.length() - ".java".length());
    }
}
