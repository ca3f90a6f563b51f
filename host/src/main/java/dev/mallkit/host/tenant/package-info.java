/** Merchants and their stores, and the routes that create and read them. */
package dev.mallkit.host.tenant;
