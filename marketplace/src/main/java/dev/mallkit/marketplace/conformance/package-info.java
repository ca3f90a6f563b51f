/**
 * The conformance run: a Java plugin is loaded in a throw-away PF4J manager, its extensions are put
 * through {@link dev.mallkit.testkit.Conformance}, and repeated load/unload cycles must free its class loader.
 */
package dev.mallkit.marketplace.conformance;
