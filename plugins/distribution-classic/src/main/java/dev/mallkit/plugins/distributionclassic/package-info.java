/**
 * The {@code distribution-classic} plugin: per-level commission rates with per-SKU fixed overrides,
 * excluded line tags, an optional self-purchase commission and four referral binding policies.
 */
package dev.mallkit.plugins.distributionclassic;
