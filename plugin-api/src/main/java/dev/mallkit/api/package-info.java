/**
 * Mallkit plugin API v1: the stable contract between the Mallkit host and provider plugins.
 *
 * <p>An extension point is a pure decision function of (store context, facts). The host owns
 * persistence, ledgers, idempotency, concurrency and audit; a plugin only decides. Every extension
 * point can therefore also be implemented in sandboxed JavaScript, and every plugin can be tested
 * with plain inputs (see the marketplace test kit).
 *
 * <p>Money is {@link dev.mallkit.api.Money}: {@code long} minor units with an ISO 4217 currency.
 * Rates are {@link dev.mallkit.api.BasisPoints}. No floating point is used where money is computed.
 *
 * <p>This package is binary compatible within a major version: additions are allowed, breaks fail
 * the build (see the API baseline gate in plugin-api's pom).
 */
package dev.mallkit.api;
