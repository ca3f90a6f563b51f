/** The vocabulary every review check reports in: {@link dev.mallkit.marketplace.finding.Finding}. */
package dev.mallkit.marketplace.finding;
