package dev.mallkit.marketplace.descriptor;

import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.marketplace.finding.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import static java.util.Objects.requireNonNull;

/**
 * Checks a Java package's PF4J manifest against its descriptor. The host loads a jar through PF4J, which reads
 * the manifest ({@code Plugin-Id}, {@code Plugin-Version}, {@code Plugin-Class}, {@code Plugin-Requires},
 * {@code Plugin-Dependencies}), while review reads the descriptor: a package on which they disagree, or whose
 * manifest PF4J cannot start, would pass review and then never load.
 */
public final class ManifestCheck {
    static final String MANIFEST = "META-INF/MANIFEST.MF";
    private static final String BASE_PLUGIN = "org/pf4j/Plugin";
    private static final int MAX_SUPERCLASSES = 32;

    private ManifestCheck() {
    }

    /**
     * @param root       the directory the package was safely extracted into
     * @param descriptor its parsed descriptor
     * @return blocking findings: {@code MANIFEST_MISSING}, {@code DESCRIPTOR_MANIFEST_MISMATCH},
     *         {@code MANIFEST_PLUGIN_CLASS_INVALID}, {@code MANIFEST_DEPENDENCY_REQUIRED}; empty when the jar will load
     */
    public static List<Finding> check(Path root, PluginDescriptor descriptor) throws IOException {
        requireNonNull(root, "root is null");
        requireNonNull(descriptor, "descriptor is null");
        Path file = root.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return List.of(DescriptorParser.blocking("MANIFEST_MISSING",
                    "the jar has no " + MANIFEST + "; the host loads plugins by its Plugin-* entries", MANIFEST));
        }
        Attributes main;
        try (InputStream in = Files.newInputStream(file)) {
            main = new Manifest(in).getMainAttributes();
        } catch (IOException | RuntimeException e) {
            return List.of(DescriptorParser.blocking("MANIFEST_MISSING", MANIFEST + " cannot be read: " + e.getMessage(), MANIFEST));
        }
        List<Finding> findings = new ArrayList<>();
        same(findings, main, "Plugin-Id", descriptor.id(), "$.id");
        same(findings, main, "Plugin-Version", descriptor.version(), "$.version");
        String requires = main.getValue("Plugin-Requires");
        if (requires != null && !requires.trim().equals(descriptor.requires())) {
            findings.add(mismatch("Plugin-Requires", requires, descriptor.requires(), "$.requires"));
        }
        dependencies(findings, main.getValue("Plugin-Dependencies"), descriptor);
        pluginClass(findings, root, main.getValue("Plugin-Class"));
        return findings;
    }

    private static void same(List<Finding> findings, Attributes main, String entry, String expected, String field) {
        String value = main.getValue(entry);
        if (value == null || !value.trim().equals(expected)) {
            findings.add(mismatch(entry, value, expected, field));
        }
    }

    private static Finding mismatch(String entry, String value, String expected, String field) {
        return DescriptorParser.blocking("DESCRIPTOR_MANIFEST_MISMATCH", "the manifest's " + entry + " is "
                + (value == null ? "missing" : "'" + value.trim() + "'") + " but the descriptor's " + field.substring(2)
                + " is '" + expected + "'; the host loads what the manifest says", MANIFEST + "#" + entry);
    }

    /**
     * PF4J resolves a version's dependencies among the plugins of its own manager, and the host gives every
     * version a manager of its own: a required dependency never resolves. Optional ones ({@code id?}) load, and
     * must be among the descriptor's dependencies, which the host checks when a store enables the plugin.
     */
    private static void dependencies(List<Finding> findings, String value, PluginDescriptor descriptor) {
        if (value == null || value.isBlank()) {
            return;
        }
        for (String entry : value.split(",")) {
            String dependency = entry.trim();
            if (dependency.isEmpty()) {
                continue;
            }
            int at = dependency.indexOf('@');
            String id = at < 0 ? dependency : dependency.substring(0, at);
            boolean optional = id.endsWith("?");
            id = optional ? id.substring(0, id.length() - 1) : id;
            if (!optional) {
                findings.add(DescriptorParser.blocking("MANIFEST_DEPENDENCY_REQUIRED", "the manifest requires plugin " + id
                        + ", which PF4J cannot resolve: each plugin version loads alone; declare it in the descriptor's "
                        + "dependencies (and as '" + id + "?' in the manifest, if at all)", MANIFEST + "#Plugin-Dependencies"));
            } else if (!descriptor.dependencies().contains(id)) {
                findings.add(mismatch("Plugin-Dependencies", value, String.join(", ", descriptor.dependencies()), "$.dependencies"));
            }
        }
    }

    /** PF4J instantiates Plugin-Class by reflection: a public, concrete subclass of its Plugin with a public constructor. */
    private static void pluginClass(List<Finding> findings, Path root, String value) throws IOException {
        String location = MANIFEST + "#Plugin-Class";
        if (value == null || value.isBlank()) {
            findings.add(DescriptorParser.blocking("MANIFEST_PLUGIN_CLASS_INVALID",
                    "the manifest has no Plugin-Class; use org.pf4j.Plugin when the plugin has no lifecycle", location));
            return;
        }
        String name = value.trim().replace('.', '/');
        if (name.equals(BASE_PLUGIN)) {
            return;
        }
        String problem = pluginClassProblem(root, name);
        if (problem != null) {
            findings.add(DescriptorParser.blocking("MANIFEST_PLUGIN_CLASS_INVALID", "Plugin-Class " + value.trim() + " " + problem, location));
        }
    }

    /** @return why PF4J cannot start {@code name}, or null when it can */
    private static String pluginClassProblem(Path root, String name) throws IOException {
        Set<String> seen = new HashSet<>();
        String current = name;
        for (int depth = 0; depth < MAX_SUPERCLASSES; depth++) {
            if (current == null || !seen.add(current)) {
                return "does not extend org.pf4j.Plugin";
            }
            if (current.equals(BASE_PLUGIN)) {
                return null;
            }
            Path file = root.resolve(current + ".class").normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                return current.equals(name) ? "is not in the jar" : "extends " + current.replace('/', '.')
                        + ", which is neither in the jar nor org.pf4j.Plugin";
            }
            ClassHeader header;
            try {
                header = ClassHeader.read(Files.readAllBytes(file));
            } catch (RuntimeException e) {
                return "cannot be read: " + current.replace('/', '.') + ".class is not a valid class file";
            }
            if (current.equals(name)) {
                if ((header.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) != 0 || (header.access & Opcodes.ACC_PUBLIC) == 0) {
                    return "must be a public, concrete class";
                }
                if (!header.publicConstructor) {
                    return "needs a public constructor taking nothing or an org.pf4j.PluginWrapper";
                }
            }
            current = header.superName;
        }
        return "has a superclass chain too deep to follow";
    }

    /** What the check needs of a class file. */
    private static final class ClassHeader extends ClassVisitor {
        int access;
        String superName;
        boolean publicConstructor;

        private ClassHeader() {
            super(Opcodes.ASM9);
        }

        static ClassHeader read(byte[] bytes) {
            ClassHeader header = new ClassHeader();
            new ClassReader(bytes).accept(header, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return header;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.access = access;
            this.superName = superName;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("<init>") && (access & Opcodes.ACC_PUBLIC) != 0
                    && (descriptor.equals("()V") || descriptor.equals("(Lorg/pf4j/PluginWrapper;)V"))) {
                publicConstructor = true;
            }
            return null;
        }
    }
}
