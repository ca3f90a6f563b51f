package dev.mallkit.marketplace.review;

import dev.mallkit.api.MallkitExtension;
import dev.mallkit.marketplace.archive.ArchiveLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * How the pipeline runs.
 *
 * @param limits         archive caps
 * @param tempParent     where every temporary directory is made (and removed)
 * @param apiJars        API version → plugin-api jar or classes directory, for the compatibility matrix
 * @param hostApiVersion the key in {@code apiJars} of this host's API: what is missing there blocks
 * @param budget         time budget of one warm extension call
 * @param unloadCycles   load/unload cycles that must each free the class loader
 * @param collectTimeout how long to wait for a class loader to be collected
 * @param extraChecks    checks the host adds
 * @param codeReview     where the submitted code is run, if anywhere: see {@link CodeReview}
 * @param extensionPoints the extension points the host runs, by descriptor name: a package declaring another is refused
 */
public record ReviewSettings(ArchiveLimits limits, Path tempParent, Map<String, Path> apiJars, String hostApiVersion,
                             Duration budget, int unloadCycles, Duration collectTimeout, List<PackageCheck> extraChecks,
                             CodeReview codeReview, Map<String, Class<? extends MallkitExtension>> extensionPoints) {
    public ReviewSettings {
        requireNonNull(limits, "limits is null");
        requireNonNull(tempParent, "tempParent is null");
        apiJars = Map.copyOf(requireNonNull(apiJars, "apiJars is null"));
        requireNonNull(hostApiVersion, "hostApiVersion is null");
        requireNonNull(budget, "budget is null");
        requireNonNull(collectTimeout, "collectTimeout is null");
        extraChecks = List.copyOf(requireNonNull(extraChecks, "extraChecks is null"));
        requireNonNull(codeReview, "codeReview is null");
        extensionPoints = Map.copyOf(requireNonNull(extensionPoints, "extensionPoints is null"));
        if (!apiJars.containsKey(hostApiVersion)) {
            throw new IllegalArgumentException("apiJars must contain the host's API version " + hostApiVersion);
        }
        if (unloadCycles < 1) {
            throw new IllegalArgumentException("unloadCycles must be at least 1");
        }
    }

    /**
     * @return default caps, the system temp directory, a 200 ms budget, 3 unload cycles, no extra checks, and a
     *         {@linkplain CodeReview#refusing() code review that runs nothing}
     */
    public static ReviewSettings defaults(Map<String, Path> apiJars, String hostApiVersion,
                                          Map<String, Class<? extends MallkitExtension>> extensionPoints) {
        return new ReviewSettings(ArchiveLimits.defaults(), Path.of(System.getProperty("java.io.tmpdir")), apiJars,
                hostApiVersion, Duration.ofMillis(200), 3, Duration.ofSeconds(5), List.of(), CodeReview.refusing(), extensionPoints);
    }

    /** @return a copy with {@code checks} added */
    public ReviewSettings withChecks(List<PackageCheck> checks) {
        List<PackageCheck> all = new java.util.ArrayList<>(extraChecks);
        all.addAll(checks);
        return new ReviewSettings(limits, tempParent, apiJars, hostApiVersion, budget, unloadCycles, collectTimeout, all, codeReview, extensionPoints);
    }

    /** @return a copy creating temporary directories under {@code dir} */
    public ReviewSettings withTempParent(Path dir) {
        return new ReviewSettings(limits, dir, apiJars, hostApiVersion, budget, unloadCycles, collectTimeout, extraChecks, codeReview, extensionPoints);
    }

    /** @return a copy running the submitted code with {@code review} */
    public ReviewSettings withCodeReview(CodeReview review) {
        return new ReviewSettings(limits, tempParent, apiJars, hostApiVersion, budget, unloadCycles, collectTimeout, extraChecks, review, extensionPoints);
    }
}
