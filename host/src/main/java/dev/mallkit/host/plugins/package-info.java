/** The installed plugin versions: seeding first-party packages, verifying the platform's signature, loading and unloading. */
package dev.mallkit.host.plugins;
