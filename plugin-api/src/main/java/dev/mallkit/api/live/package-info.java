/**
 * Live-room jump targets: where a live broadcast sends a viewer (showcase products, a mini-program
 * page, an official account, a WeCom contact). Providers are additive and ordered per store; the
 * host merges their targets, mints attribution tokens and records clicks and labels.
 */
package dev.mallkit.api.live;
