package dev.mallkit.host.isolation;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path the review process runs with: this JVM's own, with manifest {@code Class-Path} entries
 * expanded (Surefire and {@code java -jar} launchers hide the real jars behind one), so that exactly these
 * files and directories can be bound read-only into the jail. An entry that contains or lies inside one of
 * the host's private directories (data, keys, plugins) is left out: binding it would put them in reach.
 */
public final class ChildClassPath {
    private ChildClassPath() {
    }

    /** @return the entries that exist, absolute and normalised, in class-path order */
    public static List<Path> of(String classPath, List<Path> privateRoots) {
        Set<Path> out = new LinkedHashSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                add(Path.of(entry).toAbsolutePath().normalize(), out, privateRoots);
            }
        }
        return List.copyOf(out);
    }

    private static void add(Path entry, Set<Path> out, List<Path> privateRoots) {
        if (!Files.exists(entry) || overlaps(entry, privateRoots) || !out.add(entry)) {
            return;
        }
        if (Files.isRegularFile(entry)) {
            for (Path referenced : manifestClassPath(entry)) {
                add(referenced, out, privateRoots);
            }
        }
    }

    private static List<Path> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String value = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (value == null) {
                return List.of();
            }
            List<Path> paths = new ArrayList<>();
            URI base = jar.toUri();
            for (String item : value.trim().split("\\s+")) {
                URI uri = base.resolve(item);
                if ("file".equals(uri.getScheme())) {
                    paths.add(Path.of(uri).toAbsolutePath().normalize());
                }
            }
            return paths;
        } catch (IOException | IllegalArgumentException e) {
            // not a jar (or an unreadable one): it is bound as it is and the JVM decides
            return List.of();
        }
    }

    private static boolean overlaps(Path entry, List<Path> privateRoots) {
        return privateRoots.stream().anyMatch(root -> entry.startsWith(root) || root.startsWith(entry));
    }
}
