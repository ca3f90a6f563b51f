-- Live rooms: attribution tokens (with the targets last offered under each), clicks and member labels.

-- a short unguessable id per (store, room, viewer, sharer) that links carry instead of long ids.
-- tuple_hash is the SHA-256 of the exact tuple: the tuple stays unique whatever the server's text
-- collation (MySQL's default one ignores case). offers holds the targets last offered under the token.
CREATE TABLE attribution_tokens (
    token      VARCHAR(16)  NOT NULL PRIMARY KEY,
    tuple_hash CHAR(64)     NOT NULL,
    store_id   VARCHAR(64)  NOT NULL,
    room_id    VARCHAR(64)  NOT NULL,
    viewer_id  VARCHAR(64)  NOT NULL,
    sharer_id  VARCHAR(64)  NULL,
    created_at TIMESTAMP(3) NOT NULL,
    offers     TEXT         NULL,
    offered_at TIMESTAMP(3) NULL
);
CREATE UNIQUE INDEX ux_attribution_tokens_tuple ON attribution_tokens (tuple_hash);
CREATE INDEX ix_attribution_tokens_viewer ON attribution_tokens (store_id, viewer_id, offered_at);

-- every click on a jump target, append-only
CREATE TABLE jump_clicks (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id        VARCHAR(64)  NOT NULL,
    viewer_id       VARCHAR(64)  NOT NULL,
    target_id       VARCHAR(160) NOT NULL,
    plugin_id       VARCHAR(64)  NOT NULL,
    room_id         VARCHAR(64)  NOT NULL,
    token           VARCHAR(16)  NOT NULL,
    referral_reason VARCHAR(64)  NULL,
    clicked_at      TIMESTAMP(3) NOT NULL
);
CREATE INDEX ix_jump_clicks_viewer ON jump_clicks (store_id, viewer_id, clicked_at);

-- labels applied to a member, once per label; source says what applied it first
CREATE TABLE member_labels (
    store_id         VARCHAR(64)  NOT NULL,
    member_id        VARCHAR(64)  NOT NULL,
    label            VARCHAR(64)  NOT NULL,
    source           VARCHAR(200) NOT NULL,
    first_applied_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (store_id, member_id, label)
);
