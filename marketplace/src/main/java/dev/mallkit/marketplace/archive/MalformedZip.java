package dev.mallkit.marketplace.archive;

/** The zip structure is refused as a whole; per-entry findings are not worth collecting after it. */
final class MalformedZip extends Exception {
    private static final long serialVersionUID = 1L;
    final ArchiveProblem problem;

    MalformedZip(ArchiveProblem problem, String message) {
        super(message, null, false, false);
        this.problem = problem;
    }

    static void require(boolean condition, ArchiveProblem problem, String message) throws MalformedZip {
        if (!condition) {
            throw new MalformedZip(problem, message);
        }
    }
}
