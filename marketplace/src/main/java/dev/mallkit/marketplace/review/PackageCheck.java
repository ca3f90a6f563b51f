package dev.mallkit.marketplace.review;

import dev.mallkit.marketplace.finding.Finding;
import java.io.IOException;
import java.util.List;

/**
 * A check the host adds to the pipeline, e.g. a JavaScript syntax check once the JavaScript tier
 * exists. It runs after the archive and descriptor checks passed, on the extracted package.
 */
public interface PackageCheck {
    /** @return the check's name, used as {@link Finding#check()} */
    String name();

    /** @return whether this check applies to packages of {@code kind} */
    boolean appliesTo(PackageKind kind);

    /** @return the findings; an exception becomes a blocking {@code CHECK_FAILED} finding */
    List<Finding> check(ReviewedPackage pkg) throws IOException;
}
