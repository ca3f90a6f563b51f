package dev.mallkit.marketplace.archive;

import dev.mallkit.marketplace.finding.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects archive findings, once per (problem, location), capped so a hostile archive cannot flood a report. */
final class Problems {
    static final String CHECK = "archive";
    private static final int MAX_FINDINGS = 100;

    private final Set<String> seen = new LinkedHashSet<>();
    private final List<Finding> findings = new ArrayList<>();

    void add(ArchiveProblem problem, String location) {
        if (findings.size() < MAX_FINDINGS && seen.add(problem + "\0" + location)) {
            findings.add(Finding.blocking(CHECK, problem.name(), problem.description(), printable(location)));
        }
    }

    boolean isEmpty() {
        return findings.isEmpty();
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** Entry names go into reports and logs: escape what a terminal or a browser could misread. */
    static String printable(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), 300));
        for (int i = 0; i < name.length() && out.length() < 300; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
