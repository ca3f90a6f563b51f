/**
 * Forbidden APIs: a deny-by-default capability analysis of a Java plugin's bytecode. What the
 * plugin may touch outside its own classes is an allow-list; everything else is a blocking finding
 * per {@link dev.mallkit.marketplace.forbidden.Surface} (reflection, class definition, native code,
 * processes, threads, files, network, environment, exit, serialization, other JDK or host APIs).
 */
package dev.mallkit.marketplace.forbidden;
