package dev.mallkit.marketplace.archive;

import dev.mallkit.marketplace.finding.Finding;
import java.util.List;

/** The package was refused; nothing of it is left on disk. */
public final class UnsafeArchiveException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Finding> findings;

    public UnsafeArchiveException(List<Finding> findings) {
        super(findings.isEmpty() ? "unsafe archive" : findings.getFirst().code() + " " + findings.getFirst().location());
        this.findings = List.copyOf(findings);
    }

    /** @return why, at least one blocking finding */
    public List<Finding> findings() {
        return findings;
    }
}
