/**
 * Processes that run untrusted code apart from the host: a bubblewrap jail
 * ({@link dev.mallkit.host.isolation.BubblewrapJail}) with no network, no host files, no new processes and kernel
 * resource limits, and the class path such a process is given. Review processes and JavaScript workers use it.
 */
package dev.mallkit.host.isolation;
