/**
 * Forbidden APIs: a bytecode scan for process exit and spawn, private reflection, {@code Unsafe},
 * raw file and network I/O and thread creation.
 */
package dev.mallkit.marketplace.forbidden;
