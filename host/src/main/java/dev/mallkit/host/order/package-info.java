/**
 * Order events: each accepted once per idempotency key, in one transaction with every domain's effect
 * ({@code OrderEffect}: points, commissions).
 */
package dev.mallkit.host.order;
