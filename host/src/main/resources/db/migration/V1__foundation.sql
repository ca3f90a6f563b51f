-- Tenants and tokens. Runs unchanged on H2 (MySQL mode), MySQL 8 and MariaDB 10.11.
CREATE TABLE providers (
    id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    created_at TIMESTAMP(3) NOT NULL
);

CREATE TABLE merchants (
    id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    created_at TIMESTAMP(3) NOT NULL
);

CREATE TABLE stores (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    merchant_id VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL,
    CONSTRAINT fk_stores_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id)
);
CREATE INDEX ix_stores_merchant ON stores (merchant_id);

-- tokens are stored only as the SHA-256 of the token text
CREATE TABLE api_tokens (
    token_hash CHAR(64)     NOT NULL PRIMARY KEY,
    role       VARCHAR(16)  NOT NULL,
    subject    VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP(3) NOT NULL,
    revoked_at TIMESTAMP(3) NULL
);
CREATE INDEX ix_api_tokens_subject ON api_tokens (role, subject);
