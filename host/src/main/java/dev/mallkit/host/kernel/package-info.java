/**
 * The kernel: how domains plug into the host. A {@link dev.mallkit.host.kernel.MallkitModule} declares its
 * extension points ({@link dev.mallkit.host.kernel.ExtensionPointSpec}, one per point) and, started with
 * {@link dev.mallkit.host.kernel.HostServices}, contributes routes, order effects, enable-time checks, jobs and
 * health through {@link dev.mallkit.host.kernel.ModuleParts}. {@code Mallkit.create} is the sequential start-up
 * that wires them.
 */
package dev.mallkit.host.kernel;
