/**
 * Signing approved artifacts with the platform's Ed25519 key
 * ({@link dev.mallkit.marketplace.signing.ArtifactSigner}) and verifying them in hosts before any
 * class is loaded ({@link dev.mallkit.marketplace.signing.ArtifactVerifier}).
 */
package dev.mallkit.marketplace.signing;
