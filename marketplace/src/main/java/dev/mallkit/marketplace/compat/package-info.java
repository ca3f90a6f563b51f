/**
 * API compatibility: resolves every plugin-api class, method and field a plugin uses against one
 * or more API builds and reports what is missing, per version.
 */
package dev.mallkit.marketplace.compat;
