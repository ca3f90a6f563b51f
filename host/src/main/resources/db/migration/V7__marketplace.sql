-- Marketplace: who owns which plugin id, submitted packages with their review report, and the audit log.
CREATE TABLE plugin_owners (
    plugin_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    provider_id VARCHAR(64)  NOT NULL,
    claimed_at  TIMESTAMP(3) NOT NULL
);

CREATE TABLE submissions (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    provider_id VARCHAR(64)  NOT NULL,
    plugin_id   VARCHAR(64)  NULL,
    version     VARCHAR(32)  NULL,
    sha256      CHAR(64)     NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    status      VARCHAR(32)  NOT NULL,
    report      MEDIUMTEXT   NOT NULL,
    reason      VARCHAR(500) NULL,
    created_at  TIMESTAMP(3) NOT NULL,
    decided_by  VARCHAR(64)  NULL,
    decided_at  TIMESTAMP(3) NULL
);
CREATE INDEX ix_submissions_status ON submissions (status, created_at);
CREATE INDEX ix_submissions_provider ON submissions (provider_id, created_at);
CREATE INDEX ix_submissions_sha ON submissions (sha256);

CREATE TABLE marketplace_audit (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at         TIMESTAMP(3) NOT NULL,
    actor_role VARCHAR(16)  NOT NULL,
    actor      VARCHAR(64)  NOT NULL,
    action     VARCHAR(32)  NOT NULL,
    target     VARCHAR(200) NOT NULL,
    reason     VARCHAR(500) NULL
);
CREATE INDEX ix_audit_at ON marketplace_audit (at);
