package dev.mallkit.marketplace.review;

import dev.mallkit.api.PluginConfig;
import dev.mallkit.marketplace.finding.Finding;
import java.io.IOException;
import java.util.List;

/**
 * The one step of the review that executes the submitted code: the conformance kit and unload cycles for
 * a Java plugin, evaluating the module for a JavaScript one. Every other check only parses bytes.
 *
 * <p>Submitted code is hostile until reviewed, and nothing in a JVM since JDK 24 can confine code running
 * in it, so a host supplies a variant that runs this step in a disposable, confined process and reports
 * findings only. {@link #refusing()} is the default: a pipeline nobody gave a confined place runs no
 * submitted code at all.
 */
@FunctionalInterface
public interface CodeReview {
    /**
     * @param pkg    the package, after the archive, descriptor and static checks
     * @param config the sample configuration, validated against the plugin's schema
     * @return the findings; a run that could not finish is a blocking finding, not an exception
     * @throws IOException when the host's own disk fails
     */
    List<Finding> run(ReviewedPackage pkg, PluginConfig config) throws IOException;

    /** @return a code review that runs nothing and blocks approval, saying why */
    static CodeReview refusing() {
        return (pkg, config) -> List.of(Finding.blocking("conformance", "CODE_REVIEW_UNAVAILABLE",
                "the submitted code was not run: no isolated review process is configured on this host", ""));
    }
}
