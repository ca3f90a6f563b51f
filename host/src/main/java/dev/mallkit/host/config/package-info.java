/** The configuration: environment variables over system properties over the config file over defaults. */
package dev.mallkit.host.config;
