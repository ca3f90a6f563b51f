/**
 * The marketplace: providers submit packages, review runs them only in isolation ({@code marketplace.isolation}),
 * admins approve, reject, yank and uninstall, and every action is audited.
 */
package dev.mallkit.host.marketplace;
