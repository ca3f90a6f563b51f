package dev.mallkit.marketplace.review;

import dev.mallkit.api.MallkitApi;
import dev.mallkit.api.PluginConfig;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.marketplace.archive.ExtractedArchive;
import dev.mallkit.marketplace.archive.SafeExtractor;
import dev.mallkit.marketplace.archive.UnsafeArchiveException;
import dev.mallkit.marketplace.descriptor.ConfigValidation;
import dev.mallkit.marketplace.descriptor.ConfigValidator;
import dev.mallkit.marketplace.descriptor.DescriptorCheck;
import dev.mallkit.marketplace.descriptor.DescriptorParser;
import dev.mallkit.marketplace.descriptor.DescriptorResult;
import dev.mallkit.marketplace.descriptor.ManifestCheck;
import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.signing.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The automated review of a submitted package: archive safety, descriptor, then for Java packages
 * API compatibility and forbidden APIs, then (for Java only when those pass) the {@link CodeReview} that
 * runs the plugin's code somewhere confined; then the host's extra checks. Temporary space is removed
 * on every path.
 */
public final class ReviewPipeline {
    private final ReviewSettings settings;
    private final JavaChecks javaChecks;

    public ReviewPipeline(ReviewSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
        this.javaChecks = new JavaChecks(settings);
    }

    /**
     * @param packageFile the uploaded package, a regular file the host stored
     * @return the report; a bad package yields findings, never an exception
     * @throws IOException when the file is missing or the disk fails
     */
    public ReviewReport review(Path packageFile, ReviewInput input) throws IOException {
        requireNonNull(packageFile, "packageFile is null");
        requireNonNull(input, "input is null");
        if (!Files.isRegularFile(packageFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(packageFile.toString(), null, "not a regular file");
        }
        String sha256 = Sha256.of(packageFile);
        List<Finding> findings = new ArrayList<>();
        SafeExtractor extractor = new SafeExtractor(settings.limits(), settings.tempParent());
        try (ExtractedArchive extracted = extractor.extract(packageFile)) {
            PackageKind kind = kindOf(extracted);
            PluginDescriptor descriptor = descriptor(extracted, input, findings);
            Map<String, dev.mallkit.marketplace.compat.VersionCompatibility> matrix = Map.of();
            if (kind == PackageKind.UNKNOWN) {
                findings.add(Finding.blocking("package", "PACKAGE_UNKNOWN_KIND",
                        "neither class files (Java) nor index.mjs (JavaScript) were found", ""));
            } else if (kind == PackageKind.JAVASCRIPT) {
                for (String check : List.of("compat", "forbidden")) {
                    findings.add(Finding.advisory(check, check.toUpperCase() + "_NOT_APPLICABLE",
                            "JavaScript plugins run in the sandbox; this check is for Java plugins", ""));
                }
            } else {
                if (descriptor != null) {
                    findings.addAll(ManifestCheck.check(extracted.root(), descriptor));
                }
                matrix = javaChecks.run(extracted.root(), findings);
            }
            if (descriptor != null && kind != PackageKind.UNKNOWN) {
                ReviewedPackage pkg = new ReviewedPackage(packageFile, extracted.root(), kind, descriptor, extracted.entryNames());
                // a JavaScript module is loaded, not exercised, so it needs no sample configuration
                runCode(pkg, kind == PackageKind.JAVA ? config(descriptor, input, findings) : PluginConfig.empty(), findings);
                runExtraChecks(pkg, findings);
            }
            return new ReviewReport(sha256, kind, descriptor, findings, matrix);
        } catch (UnsafeArchiveException e) {
            findings.addAll(e.findings());
            return new ReviewReport(sha256, PackageKind.UNKNOWN, null, findings, Map.of());
        }
    }

    private static PackageKind kindOf(ExtractedArchive extracted) {
        if (extracted.entryNames().stream().anyMatch(name -> name.endsWith(".class"))) {
            return PackageKind.JAVA;
        }
        return extracted.hasFile("index.mjs") ? PackageKind.JAVASCRIPT : PackageKind.UNKNOWN;
    }

    private PluginDescriptor descriptor(ExtractedArchive extracted, ReviewInput input, List<Finding> findings) throws IOException {
        if (!extracted.hasFile(MallkitApi.DESCRIPTOR_RESOURCE)) {
            findings.add(Finding.blocking("descriptor", "DESCRIPTOR_MISSING",
                    "the package has no " + MallkitApi.DESCRIPTOR_RESOURCE + " at its root", ""));
            return null;
        }
        DescriptorResult result = new DescriptorParser().parse(Files.readAllBytes(extracted.root().resolve(MallkitApi.DESCRIPTOR_RESOURCE)));
        findings.addAll(result.findings());
        Optional<PluginDescriptor> descriptor = result.descriptor();
        descriptor.ifPresent(d -> {
            findings.addAll(DescriptorCheck.knownPoints(d, settings.extensionPoints().keySet()));
            findings.addAll(DescriptorCheck.check(d, input.providerId(), input.ownedIds(), input.lastPublishedVersion()));
        });
        return descriptor.orElse(null);
    }

    /** The sample configuration with schema defaults, or null when it does not pass the schema. */
    private static PluginConfig config(PluginDescriptor descriptor, ReviewInput input, List<Finding> findings) {
        if (descriptor == null || findings.stream().anyMatch(f -> f.code().startsWith("DESCRIPTOR_SCHEMA"))) {
            return null;
        }
        ConfigValidation validation = ConfigValidator.forSchema(descriptor.configSchema()).validate(input.sampleConfig());
        if (!validation.valid()) {
            findings.add(Finding.blocking("conformance", "CONFORMANCE_SAMPLE_CONFIG_INVALID",
                    "the sample configuration does not pass the schema: " + validation.problems(), "$"));
            return null;
        }
        return PluginConfig.of(validation.configAsMap());
    }

    /**
     * Runs the submitted code through the configured {@link CodeReview}. A Java plugin's code runs only once
     * nothing static forbids it; a JavaScript module always runs, since its sandbox is the boundary there.
     */
    private void runCode(ReviewedPackage pkg, PluginConfig config, List<Finding> findings) throws IOException {
        boolean blocked = pkg.kind() == PackageKind.JAVA && findings.stream().anyMatch(Finding::isBlocking);
        if (config == null || blocked) {
            findings.add(Finding.advisory("conformance", "CONFORMANCE_SKIPPED",
                    "not run because earlier checks have blocking findings", ""));
            return;
        }
        findings.addAll(settings.codeReview().run(pkg, config));
    }

    private void runExtraChecks(ReviewedPackage pkg, List<Finding> findings) {
        for (PackageCheck check : settings.extraChecks()) {
            if (!check.appliesTo(pkg.kind())) {
                continue;
            }
            try {
                findings.addAll(check.check(pkg));
            } catch (IOException | RuntimeException e) {
                findings.add(Finding.blocking(check.name(), "CHECK_FAILED", "the check failed: " + e, ""));
            }
        }
    }
}
