package dev.mallkit.host.marketplace;

import dev.mallkit.host.js.JsPackageException;
import dev.mallkit.host.js.JsPluginLoader;
import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.review.PackageCheck;
import dev.mallkit.marketplace.review.PackageKind;
import dev.mallkit.marketplace.review.ReviewedPackage;
import java.util.List;

/** Loads a JavaScript package in the sandbox the way a host would, so syntax and export errors block review. */
final class JsSyntaxCheck implements PackageCheck {
    private final JsPluginLoader loader;

    JsSyntaxCheck(JsPluginLoader loader) {
        this.loader = loader;
    }

    @Override
    public String name() {
        return "js-syntax";
    }

    @Override
    public boolean appliesTo(PackageKind kind) {
        return kind == PackageKind.JAVASCRIPT;
    }

    @Override
    public List<Finding> check(ReviewedPackage pkg) {
        try {
            // the extracted root, not the upload: the archive checks already vetted what is in it
            loader.check(pkg.root());
            return List.of();
        } catch (JsPackageException e) {
            return List.of(Finding.blocking(name(), "JS_INVALID", e.getMessage(), "index.mjs"));
        }
    }
}
