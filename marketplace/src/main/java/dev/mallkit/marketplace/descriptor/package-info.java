/**
 * The plugin descriptor: {@link dev.mallkit.marketplace.descriptor.DescriptorParser} reads and
 * validates it, {@link dev.mallkit.marketplace.descriptor.DescriptorCheck} checks ownership and
 * version order, {@link dev.mallkit.marketplace.descriptor.ManifestCheck} checks that a jar's PF4J manifest
 * agrees with it (the host loads by the manifest), and {@link dev.mallkit.marketplace.descriptor.ConfigValidator} validates store
 * configurations against the plugin's schema for the host.
 */
package dev.mallkit.marketplace.descriptor;
