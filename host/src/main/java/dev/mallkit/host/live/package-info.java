/**
 * Live-room jump targets, host side: attribution tokens, the merged targets of a store's
 * {@code LiveJumpProvider}s, clicks, member labels and live-room referral attempts.
 */
package dev.mallkit.host.live;
