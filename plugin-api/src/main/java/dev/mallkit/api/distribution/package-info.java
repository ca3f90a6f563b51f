/**
 * Distribution trees: referral binding and multi-level commission. The host keeps the referral tree
 * (with binding history, loop refusal and platform depth policy) and the commission ledger; a
 * {@link dev.mallkit.api.distribution.DistributionScheme} decides bindings and splits.
 */
package dev.mallkit.api.distribution;
