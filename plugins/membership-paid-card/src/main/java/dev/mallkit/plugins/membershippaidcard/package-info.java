/**
 * The {@code membership-paid-card} plugin: a member buys a card as an order line; while the card is
 * valid they get a member-price discount and a points multiplier.
 */
package dev.mallkit.plugins.membershippaidcard;
