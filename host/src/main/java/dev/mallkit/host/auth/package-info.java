/** Bearer tokens, the roles they carry (admin, merchant, storefront, provider) and the check made before any body is read. */
package dev.mallkit.host.auth;
