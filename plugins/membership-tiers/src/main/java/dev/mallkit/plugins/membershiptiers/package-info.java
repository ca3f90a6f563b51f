/**
 * The {@code membership-tiers} plugin: members climb tiers by growth (cumulative amount paid), earn
 * points per yuan with their tier's multiplier, and redeem points up to a share of an order.
 */
package dev.mallkit.plugins.membershiptiers;
