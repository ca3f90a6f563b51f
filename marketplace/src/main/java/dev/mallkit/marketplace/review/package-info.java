/**
 * The review pipeline: {@link dev.mallkit.marketplace.review.ReviewPipeline#review} runs every
 * check on a package and returns a {@link dev.mallkit.marketplace.review.ReviewReport}; hosts add
 * checks through {@link dev.mallkit.marketplace.review.PackageCheck}.
 */
package dev.mallkit.marketplace.review;
