/** Per-caller rate limiting of the authenticated API: token buckets keyed by principal. */
package dev.mallkit.host.ratelimit;
