package dev.mallkit.api.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds API jars for the gate test: the current classes, optionally with one class file rewritten. */
final class ApiJars {
    private ApiJars() {
    }

    /**
     * Jars every file under {@code classes}, passing the class file at {@code edits}' keys (e.g.
     * {@code dev/mallkit/api/Money.class}) through the matching edit.
     */
    static Path jar(Path classes, Path target, Map<String, UnaryOperator<byte[]>> edits) {
        try (var out = new ZipOutputStream(Files.newOutputStream(target)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                byte[] bytes = Files.readAllBytes(file);
                out.putNextEntry(new ZipEntry(name));
                out.write(edits.getOrDefault(name, UnaryOperator.identity()).apply(bytes));
                out.closeEntry();
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
