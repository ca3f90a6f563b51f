package dev.mallkit.marketplace.forbidden;

import dev.mallkit.marketplace.bytecode.Reference;
import dev.mallkit.marketplace.bytecode.ReferenceScanner;
import dev.mallkit.marketplace.finding.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Scans a plugin's bytecode for forbidden APIs. Each use is a blocking finding located at the
 * class and method that makes it. A scan cannot see reflection by name ({@code Class.forName}
 * with a computed string): that is why Java plugins also need a human review and a signature.
 */
public final class ForbiddenApiCheck {
    static final String CHECK = "forbidden";

    private final List<ForbiddenRule> rules;

    public ForbiddenApiCheck(List<ForbiddenRule> rules) {
        this.rules = List.copyOf(requireNonNull(rules, "rules is null"));
    }

    /** @return a check with {@link ForbiddenApis#rules()} */
    public static ForbiddenApiCheck withPlatformRules() {
        return new ForbiddenApiCheck(ForbiddenApis.rules());
    }

    /** @return one finding per (rule code, target, location), in scan order */
    public List<Finding> check(Path classesRoot) throws IOException {
        return check(ReferenceScanner.scan(classesRoot));
    }

    /** @return the findings for already collected references */
    public List<Finding> check(List<Reference> references) {
        Map<String, Finding> findings = new LinkedHashMap<>();
        for (Reference reference : references) {
            for (ForbiddenRule rule : rules) {
                if (rule.matches(reference)) {
                    String message = reference.target() + " " + rule.reason();
                    findings.putIfAbsent(rule.code() + "|" + reference.target() + "|" + reference.location(),
                            Finding.blocking(CHECK, rule.code(), message, reference.location()));
                }
            }
        }
        return List.copyOf(findings.values());
    }
}
