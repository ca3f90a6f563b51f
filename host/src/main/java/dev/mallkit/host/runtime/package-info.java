/**
 * Loading Java plugins: PF4J under a class loader that shows a plugin only the JDK, the plugin API and PF4J, and only
 * packages whose bytes carry the platform's signature (or local ones in dev mode).
 */
package dev.mallkit.host.runtime;
