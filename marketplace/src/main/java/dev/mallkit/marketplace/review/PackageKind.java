package dev.mallkit.marketplace.review;

/** What a submitted package turned out to be. */
public enum PackageKind {
    /** A PF4J jar: class files and the descriptor. Runs in-process after review and signature. */
    JAVA,
    /** A zip with the descriptor and {@code index.mjs}, no class files. Runs in the JavaScript sandbox. */
    JAVASCRIPT,
    /** Neither, or not extracted far enough to tell. */
    UNKNOWN
}
