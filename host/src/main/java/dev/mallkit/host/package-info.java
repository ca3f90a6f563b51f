/**
 * The host: {@code Main} reads the configuration and starts {@code Mallkit}, which opens the database, bootstraps the
 * admin token and seed data, and mounts every domain's routes on one Vert.x router.
 */
package dev.mallkit.host;
