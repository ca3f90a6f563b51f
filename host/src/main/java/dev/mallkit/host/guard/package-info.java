/**
 * Every plugin call is guarded: a time budget, a bulkhead and a circuit breaker per (plugin version, store), with
 * per-plugin metrics; a call past its budget drops to the lowest CPU priority.
 */
package dev.mallkit.host.guard;
