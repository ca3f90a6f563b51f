package dev.mallkit.marketplace.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.pf4j.processor.ExtensionAnnotationProcessor;

/**
 * Builds real jars in tests: compiles Java sources with the JDK compiler (running PF4J's extension
 * index processor) against a chosen class path and packs them with extra resources.
 */
public final class PluginJars {
    private final Path workDir;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();
    private String classpath = System.getProperty("java.class.path");

    private PluginJars(Path workDir) {
        this.workDir = workDir;
    }

    /** @return a builder whose scratch files live under {@code workDir} */
    public static PluginJars in(Path workDir) {
        return new PluginJars(workDir);
    }

    /** Adds a source; {@code className} is fully qualified. */
    public PluginJars source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Adds a resource at {@code name}. */
    public PluginJars resource(String name, String content) {
        resources.put(name, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Adds a descriptor for a plugin implementing {@code points}, and the PF4J manifest that agrees with it. */
    public PluginJars descriptor(String id, String version, String... points) {
        resource("META-INF/MANIFEST.MF", manifest(id, version, "org.pf4j.Plugin"));
        return resource("mallkit-plugin.json", """
                {"id":"%s","version":"%s","provider":"acme","requires":">=1.0.0 & <2.0.0",
                 "extensionPoints":[%s],"description":"test plugin",
                 "configSchema":{"type":"object","properties":{"rate":{"type":"integer","default":1000}}}}
                """.formatted(id, version, String.join(",", Stream.of(points).map(p -> "\"" + p + "\"").toList())));
    }

    /** @return the text of a PF4J manifest; a test replaces the resource to make it disagree */
    public static String manifest(String id, String version, String pluginClass) {
        return "Manifest-Version: 1.0\r\nPlugin-Id: " + id + "\r\nPlugin-Version: " + version + "\r\nPlugin-Class: " + pluginClass
                + "\r\nPlugin-Requires: >=1.0.0 & <2.0.0\r\n\r\n";
    }

    /** Compiles against {@code entries} instead of the test class path. */
    public PluginJars classpath(Path... entries) {
        classpath = String.join(java.io.File.pathSeparator, Stream.of(entries).map(Path::toString).toList());
        return this;
    }

    /** @return a directory holding the compiled classes (and the annotation processor's output) */
    public Path compile() throws IOException {
        Path classes = Files.createTempDirectory(Files.createDirectories(workDir), "classes-");
        if (!sources.isEmpty()) {
            compile(classes);
        }
        return classes;
    }

    /** @return the jar at {@code workDir/name} */
    public Path build(String name) throws IOException {
        Path classes = compile();
        Path jar = workDir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
            for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
                put(out, resource.getKey(), resource.getValue());
            }
        }
        return jar;
    }

    private void compile(Path classes) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        }));
        StringWriter errors = new StringWriter();
        JavaCompiler.CompilationTask task = compiler.getTask(errors, null, null,
                List.of("-classpath", classpath, "-d", classes.toString(), "-proc:full", "-nowarn", "-Xlint:none"), null, units);
        task.setProcessors(List.of(new ExtensionAnnotationProcessor()));
        if (!task.call()) {
            throw new IllegalStateException("compilation failed:\n" + errors);
        }
    }

    private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
