package dev.mallkit.host.runtime;

import dev.mallkit.api.MallkitApi;
import dev.mallkit.api.MallkitExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.pf4j.Extension;

/**
 * Builds real PF4J plugin jars inside tests: compiles Java sources against the test class path and
 * writes the manifest, {@code META-INF/extensions.idx} and {@value MallkitApi#DESCRIPTOR_RESOURCE}.
 * Use it for well-behaved and misbehaving plugins alike.
 *
 * <pre>{@code
 * Path jar = TestPluginJar.liveJumpProvider("acme-jumps", "1.0.0", "return List.of();").build(dir);
 * }</pre>
 */
public final class TestPluginJar {
    /** The imports every generated {@link #liveJumpProvider} source gets. */
    private static final String JUMP_IMPORTS = """
            import dev.mallkit.api.*;
            import dev.mallkit.api.live.*;
            import java.util.*;
            """;

    private final String id;
    private final String version;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Set<String> extensions = new LinkedHashSet<>();
    private final List<String> extensionPoints = new ArrayList<>();
    private String requires = ">=1.0.0 & <2.0.0";
    private String manifestVersion;
    private String configSchema = "{\"type\":\"object\"}";
    private String descriptorJson;
    private String pluginClass = "org.pf4j.Plugin";
    private boolean withDescriptor = true;

    private TestPluginJar(String id, String version) {
        this.id = id;
        this.version = version;
        this.manifestVersion = version;
    }

    /** @return an empty plugin; add at least one {@link #extension} */
    public static TestPluginJar plugin(String id, String version) {
        return new TestPluginJar(id, version);
    }

    /**
     * @param targetsBody the body of {@code List<JumpTarget> targets(PluginContext ctx, JumpRequest request)}
     * @return a plugin with one {@code LiveJumpProvider} extension, class {@link #jumpProviderClass}
     */
    public static TestPluginJar liveJumpProvider(String id, String version, String targetsBody) {
        String className = jumpProviderClass(id);
        String pkg = className.substring(0, className.lastIndexOf('.'));
        String source = "package " + pkg + ";\n" + JUMP_IMPORTS
                + "@org.pf4j.Extension\npublic class Jumps implements LiveJumpProvider {\n"
                + "  @Override public List<JumpTarget> targets(PluginContext ctx, JumpRequest request) {\n"
                + targetsBody + "\n  }\n}\n";
        return plugin(id, version).extension(className, source).extensionPoints("LiveJumpProvider");
    }

    /** @return the class name {@link #liveJumpProvider} gives its extension (the same for every version) */
    public static String jumpProviderClass(String id) {
        return "testplugin." + id.replace('-', '_') + ".Jumps";
    }

    /** Adds a class listed in {@code META-INF/extensions.idx}. */
    public TestPluginJar extension(String className, String source) {
        extensions.add(className);
        return source(className, source);
    }

    /** Adds a helper class that is not an extension. */
    public TestPluginJar source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    /** Sets the descriptor's {@code extensionPoints}. */
    public TestPluginJar extensionPoints(String... names) {
        extensionPoints.clear();
        extensionPoints.addAll(List.of(names));
        return this;
    }

    /** Sets the descriptor's API range. */
    public TestPluginJar requires(String range) {
        this.requires = range;
        return this;
    }

    /** Makes the manifest's Plugin-Version disagree with the descriptor. */
    public TestPluginJar manifestVersion(String manifestVersion) {
        this.manifestVersion = manifestVersion;
        return this;
    }

    /** Sets the descriptor's {@code configSchema} object (JSON text). */
    public TestPluginJar configSchema(String schemaJson) {
        this.configSchema = schemaJson;
        return this;
    }

    /** Sets the manifest's Plugin-Class (default {@code org.pf4j.Plugin}), e.g. to one whose start fails. */
    public TestPluginJar pluginClass(String className) {
        this.pluginClass = className;
        return this;
    }

    /** Replaces the generated descriptor with raw text. */
    public TestPluginJar descriptorJson(String json) {
        this.descriptorJson = json;
        return this;
    }

    /** Leaves {@value MallkitApi#DESCRIPTOR_RESOURCE} out of the jar. */
    public TestPluginJar withoutDescriptor() {
        this.withDescriptor = false;
        return this;
    }

    /** Compiles the sources and writes {@code dir/<id>-<version>.jar}. */
    public Path build(Path dir) {
        try {
            Path work = Files.createTempDirectory(Files.createDirectories(dir), id + "-" + version + "-src");
            Path classes = Files.createDirectories(work.resolve("classes"));
            compile(work, classes);
            Path jar = dir.resolve(id + "-" + version + ".jar");
            writeJar(jar, classes);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void compile(Path work, Path classes) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            files.add(Files.writeString(file, source.getValue()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            // -proc:none: extensions.idx is written below, exactly as a plugin build would produce it
            List<String> options = List.of("-classpath", classPath(), "-d", classes.toString(), "-proc:none",
                    "--release", String.valueOf(Runtime.version().feature()));
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
            if (!ok) {
                throw new IllegalStateException("test plugin " + id + "@" + version + " does not compile: " + diagnostics.getDiagnostics());
            }
        }
    }

    private void writeJar(Path jar, Path classes) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", manifestVersion);
        main.putValue("Plugin-Class", pluginClass);
        main.putValue("Plugin-Requires", requires);
        main.putValue("Plugin-Provider", "test-provider");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            put(jarOut, "META-INF/extensions.idx", String.join("\n", extensions) + "\n");
            if (withDescriptor) {
                put(jarOut, MallkitApi.DESCRIPTOR_RESOURCE, descriptorJson != null ? descriptorJson : descriptor());
            }
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    jarOut.write(Files.readAllBytes(file));
                    jarOut.closeEntry();
                }
            }
        }
    }

    private String descriptor() {
        String points = extensionPoints.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(","));
        return """
                {"id":"%s","version":"%s","provider":"test-provider","requires":"%s",
                 "extensionPoints":[%s],"configSchema":%s,"description":"A test plugin.","dependencies":[]}
                """.formatted(id, version, requires, points, configSchema);
    }

    private static void put(JarOutputStream jar, String name, String text) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(text.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }

    // surefire may hide the real class path behind a manifest-only jar: name the API and PF4J explicitly
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(location(MallkitExtension.class));
        entries.add(location(Extension.class));
        entries.addAll(List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
