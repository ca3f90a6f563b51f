/**
 * Distribution: referral binding in a tree, commission plans from the store's {@code DistributionScheme} checked
 * against the platform's policy, and the commission ledger from pending through settled to reversed.
 */
package dev.mallkit.host.distribution;
