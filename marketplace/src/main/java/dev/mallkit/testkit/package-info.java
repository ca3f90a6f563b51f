/**
 * The provider test kit: call an extension with plain inputs and assert on its decisions, without a
 * host. {@link dev.mallkit.testkit.TestContext} is the context; {@link dev.mallkit.testkit.Conformance}
 * holds the conformance checks the marketplace runs on every submission, so a provider can run them
 * before submitting.
 */
package dev.mallkit.testkit;
