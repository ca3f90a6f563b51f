/**
 * Every plugin call is guarded: a time budget, a bulkhead and a circuit breaker per (plugin version, store), with
 * per-plugin metrics; a call running past its demotion delay drops to the lowest CPU priority. The policy
 * ({@code GuardedInvoker}, {@code KeyGuard}, {@code CircuitBreaker}) is kept apart from the executor that runs the
 * call ({@code CallExecutor}: a cached pool of platform threads, the caller waiting with a timeout). Nothing here
 * exists for speed alone: the spinning hand-off and the batched calls were removed when the end-to-end rows of
 * docs/benchmarks.md could not tell them from this plain executor.
 */
package dev.mallkit.host.guard;
