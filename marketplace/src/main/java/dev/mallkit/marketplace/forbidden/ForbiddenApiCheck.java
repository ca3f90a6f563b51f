package dev.mallkit.marketplace.forbidden;

import dev.mallkit.marketplace.bytecode.Reference;
import dev.mallkit.marketplace.bytecode.ReferenceScanner;
import dev.mallkit.marketplace.bytecode.ScannedClasses;
import dev.mallkit.marketplace.finding.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges what a plugin's bytecode can reach, deny by default: every class, member, method handle,
 * bootstrap method and supertype outside the plugin itself must be on the platform's allow-list
 * ({@link PlatformTables}), else it is a blocking finding naming the {@link Surface} it opens, with
 * the class, method and source line (or bytecode offset) of the use. A class file that cannot be
 * read is itself a blocking {@code BYTECODE_MALFORMED} finding.
 *
 * <p>Reflection, method handles and class definition are denied as a whole, so a name computed
 * at run time can never reach what the scan did not see.
 */
public final class ForbiddenApiCheck {
    static final String CHECK = "forbidden";
    static final String MALFORMED = "BYTECODE_MALFORMED";

    private ForbiddenApiCheck() {
    }

    /** @return the check with the platform's allow-list */
    public static ForbiddenApiCheck withPlatformRules() {
        return new ForbiddenApiCheck();
    }

    /** @return the findings for the classes under {@code classesRoot} */
    public List<Finding> check(Path classesRoot) throws IOException {
        return check(ReferenceScanner.scanAll(classesRoot));
    }

    /** @return the findings for already scanned classes, unreadable ones included */
    public List<Finding> check(ScannedClasses scanned) {
        Map<String, Finding> findings = new LinkedHashMap<>();
        scanned.malformed().forEach((file, why) -> findings.put(MALFORMED + "|" + file, Finding.blocking(CHECK, MALFORMED,
                "the class file cannot be read (" + why + "), so nothing it does can be reviewed", file)));
        findings.putAll(judge(scanned.references()));
        return List.copyOf(findings.values());
    }

    /** @return one finding per (code, target, call site), in scan order */
    public List<Finding> check(List<Reference> references) {
        return List.copyOf(judge(references).values());
    }

    private static Map<String, Finding> judge(List<Reference> references) {
        OwnClasses own = new OwnClasses(references);
        Map<String, Finding> findings = new LinkedHashMap<>();
        for (Reference reference : references) {
            Optional<Surface> surface;
            try {
                surface = judge(reference, own);
            } catch (RuntimeException e) {
                // a descriptor ASM passed through but Type cannot parse: unreadable is not allowed
                findings.putIfAbsent(MALFORMED + "|" + reference.callSite(), Finding.blocking(CHECK, MALFORMED,
                        "an unreadable descriptor in " + reference.target(), reference.callSite()));
                continue;
            }
            surface.ifPresent(s -> findings.putIfAbsent(s.code() + "|" + reference.target() + "|" + reference.callSite(),
                    Finding.blocking(CHECK, s.code(), reference.target() + " " + s.reason(), reference.callSite())));
        }
        for (String declared : own.reservedDeclarations()) {
            findings.putIfAbsent("reserved|" + declared, Finding.blocking(CHECK, Surface.HOST_API.code(),
                    declared.replace('/', '.') + " is declared in a namespace the JDK or the host owns", declared.replace('/', '.')));
        }
        return findings;
    }

    private static Optional<Surface> judge(Reference reference, OwnClasses own) {
        // a bootstrap method is judged even when the plugin declares it: only javac's own are allowed
        if (!own.contains(reference.owner()) || reference.use() == Reference.Use.BOOTSTRAP
                || reference.use() == Reference.Use.NATIVE_DECLARATION) {
            return PlatformPolicy.judge(reference);
        }
        if (reference.use() == Reference.Use.DECLARATION) {
            return Optional.ofNullable(PlatformTables.DANGEROUS_DECLARATIONS.get(reference.name() + reference.descriptor()));
        }
        if (reference.use() != Reference.Use.ACCESS && reference.use() != Reference.Use.HANDLE) {
            return Optional.empty();
        }
        // a call on the plugin's own class may land on a member it inherits from the JDK
        for (String declarer : own.foreignDeclarers(reference)) {
            Optional<Surface> surface = PlatformPolicy.judge(reference.withOwner(declarer));
            if (surface.isPresent()) {
                return surface;
            }
        }
        return Optional.empty();
    }
}
