/** Several hosts on one database: plugin installs and yanks announced over the clustered event bus, and artifacts shared through the database. */
package dev.mallkit.host.cluster;
