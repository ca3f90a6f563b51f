/**
 * A store's feature mix: which plugin versions it runs with which configuration (secrets sealed), resolved into an
 * immutable snapshot that routes and effects read, and kept in step across the hosts of a cluster.
 */
package dev.mallkit.host.store;
