/**
 * The host's one error type ({@link dev.mallkit.host.error.HostError}), its codes ({@link dev.mallkit.host.error.ErrorCode})
 * and their kinds ({@link dev.mallkit.host.error.ErrorType}), Trino style: domain code throws a code, the HTTP layer
 * alone maps a kind to a status.
 */
package dev.mallkit.host.error;
