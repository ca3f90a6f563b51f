/** The database: the connection pool, migrations, transactions off the event loop, and the dialect differences of H2 and MySQL/MariaDB. */
package dev.mallkit.host.db;
