/** Periodic jobs (expiry, settlement, purges), each run by one host of a cluster at a time under a lease. */
package dev.mallkit.host.jobs;
