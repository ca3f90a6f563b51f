/**
 * JavaScript plugins: GraalVM sandboxes per (plugin version, store), run in worker processes with a heap of their
 * own ({@code JsWorkerPool}); the in-process {@code JsEngine} serves review processes, the workers themselves and
 * tests. docs/benchmarks-js.md measures the boundary.
 */
package dev.mallkit.host.js;
