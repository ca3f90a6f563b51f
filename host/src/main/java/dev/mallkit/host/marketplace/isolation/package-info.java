/**
 * Where submitted code runs during review: a child JVM started for one review, inside a bubblewrap jail
 * ({@link dev.mallkit.host.marketplace.isolation.BubblewrapJail}), with bounded heap, CPU time, wall time, disk
 * and output. The host learns structured findings only ({@link dev.mallkit.host.marketplace.isolation.ChildFindings}).
 * See docs/marketplace.md, "Review isolation", for the properties and the tests that prove each.
 */
package dev.mallkit.host.marketplace.isolation;
