package dev.mallkit.marketplace.compat;

import dev.mallkit.marketplace.bytecode.ReferenceScanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One version of plugin-api (a jar or a classes directory) and the linker's lookup rules over it.
 * Classes outside {@value #API_PREFIX} (the JDK, pf4j) are read from the marketplace's own class
 * path, so members inherited from {@code Object}, {@code Record} or {@code RuntimeException} resolve.
 */
public final class ApiClasspath {
    /** Only references into this package tree are checked. */
    public static final String API_PREFIX = "dev/mallkit/api/";
    private static final Map<String, Optional<ClassModel>> PLATFORM = new ConcurrentHashMap<>();

    private final Map<String, ClassModel> apiClasses;

    private ApiClasspath(Map<String, ClassModel> apiClasses) {
        this.apiClasses = Map.copyOf(apiClasses);
    }

    /** @return the API in a jar or a classes directory */
    public static ApiClasspath load(Path jarOrDirectory) throws IOException {
        Map<String, ClassModel> classes = new HashMap<>();
        if (Files.isDirectory(jarOrDirectory)) {
            for (Path file : ReferenceScanner.classFiles(jarOrDirectory)) {
                add(classes, Files.readAllBytes(file));
            }
        } else {
            try (ZipFile zip = new ZipFile(jarOrDirectory.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            add(classes, in.readAllBytes());
                        }
                    }
                }
            }
        }
        return new ApiClasspath(classes);
    }

    private static void add(Map<String, ClassModel> classes, byte[] bytes) {
        ClassModel model = ClassModel.read(bytes);
        if (model.name().startsWith(API_PREFIX)) {
            classes.put(model.name(), model);
        }
    }

    /** @return whether the class exists */
    boolean hasClass(String internalName) {
        return find(internalName).isPresent();
    }

    /** JVMS 5.4.3.3 and 5.4.3.4 in short: the class, its superclasses, its superinterfaces, then Object. */
    boolean hasMethod(String owner, String nameAndDescriptor) {
        return lookup(owner, model -> model.methods().contains(nameAndDescriptor))
                || find("java/lang/Object").map(o -> o.methods().contains(nameAndDescriptor)).orElse(false);
    }

    /** JVMS 5.4.3.2 in short: the class, its superinterfaces, its superclasses. */
    boolean hasField(String owner, String nameAndDescriptor) {
        return lookup(owner, model -> model.fields().contains(nameAndDescriptor));
    }

    private boolean lookup(String owner, java.util.function.Predicate<ClassModel> declares) {
        Deque<String> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        pending.add(owner);
        while (!pending.isEmpty()) {
            String name = pending.poll();
            if (!seen.add(name)) {
                continue;
            }
            Optional<ClassModel> model = find(name);
            if (model.isEmpty()) {
                continue;
            }
            if (declares.test(model.get())) {
                return true;
            }
            if (model.get().superName() != null) {
                pending.add(model.get().superName());
            }
            pending.addAll(model.get().interfaces());
        }
        return false;
    }

    Optional<ClassModel> find(String internalName) {
        if (internalName.startsWith(API_PREFIX)) {
            return Optional.ofNullable(apiClasses.get(internalName));
        }
        return PLATFORM.computeIfAbsent(internalName, ApiClasspath::readPlatform);
    }

    private static Optional<ClassModel> readPlatform(String internalName) {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            return in == null ? Optional.empty() : Optional.of(ClassModel.read(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
