-- Cluster mode: several stateless hosts share this database.
-- job_leases: which host runs a periodic job. A host takes a lease with a conditional UPDATE (free,
-- expired or already its own) or, for a job never run, an INSERT that only one host can win; the
-- holder renews it while alive, so a dead holder's lease expires and another host takes over.
-- Times are epoch milliseconds, not TIMESTAMP(3): Connector/J drops fractional seconds when talking to
-- MariaDB (it reads the server as 5.5.5), and leases of sub-second precision must compare exactly.
CREATE TABLE job_leases (
    name            VARCHAR(64)  NOT NULL PRIMARY KEY,
    holder          VARCHAR(128) NOT NULL,
    expires_at      BIGINT       NOT NULL,
    last_started_at BIGINT       NOT NULL,
    runs            BIGINT       NOT NULL
);

-- plugin_artifacts: the bytes of every published plugin artifact, by SHA-256, so a host that did not
-- receive an upload (or starts later with an empty data directory) fetches it from here and verifies it.
CREATE TABLE plugin_artifacts (
    sha256     CHAR(64)     NOT NULL PRIMARY KEY,
    bytes      LONGBLOB     NOT NULL,
    size       BIGINT       NOT NULL,
    stored_at  TIMESTAMP(3) NOT NULL
);
