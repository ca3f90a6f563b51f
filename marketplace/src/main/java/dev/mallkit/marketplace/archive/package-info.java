/**
 * Archive safety: {@link dev.mallkit.marketplace.archive.SafeArchive} inspects a zip's raw central
 * directory and {@link dev.mallkit.marketplace.archive.SafeExtractor} extracts an accepted one into
 * a temporary directory that {@link dev.mallkit.marketplace.archive.ExtractedArchive#close()} deletes.
 */
package dev.mallkit.marketplace.archive;
