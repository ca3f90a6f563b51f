-- Published plugin versions, approved artifacts, per-store feature mixes and plugin key-value state.
CREATE TABLE plugin_versions (
    plugin_id     VARCHAR(64)  NOT NULL,
    version       VARCHAR(32)  NOT NULL,
    provider_id   VARCHAR(64)  NOT NULL,
    tier          VARCHAR(16)  NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    descriptor    TEXT         NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    status_reason VARCHAR(500) NULL,
    signature     VARCHAR(200) NULL,
    published_at  TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (plugin_id, version)
);

CREATE TABLE approved_artifacts (
    sha256      CHAR(64)     NOT NULL PRIMARY KEY,
    plugin_id   VARCHAR(64)  NOT NULL,
    version     VARCHAR(32)  NOT NULL,
    approved_by VARCHAR(64)  NOT NULL,
    approved_at TIMESTAMP(3) NOT NULL
);

CREATE TABLE store_features (
    store_id   VARCHAR(64)  NOT NULL,
    plugin_id  VARCHAR(64)  NOT NULL,
    version    VARCHAR(32)  NOT NULL,
    position   INT          NOT NULL,
    enabled    BOOLEAN      NOT NULL,
    config     TEXT         NOT NULL,
    updated_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (store_id, plugin_id),
    CONSTRAINT fk_features_store FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE INDEX ix_features_plugin ON store_features (plugin_id, version);

CREATE TABLE plugin_kv (
    plugin_id VARCHAR(64)   NOT NULL,
    store_id  VARCHAR(64)   NOT NULL,
    k         VARCHAR(128)  NOT NULL,
    v         VARCHAR(4096) NOT NULL,
    PRIMARY KEY (plugin_id, store_id, k)
);

CREATE TABLE platform_settings (
    name VARCHAR(64)  NOT NULL PRIMARY KEY,
    val  VARCHAR(500) NOT NULL
);
INSERT INTO platform_settings (name, val) VALUES ('distribution.maxLevels', '2');
INSERT INTO platform_settings (name, val) VALUES ('distribution.maxTotalRateBps', '3000');
