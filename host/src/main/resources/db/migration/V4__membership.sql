-- The member ledger: append-only points, growth and debt entries; balances are derived from it.

-- one row per (store, member) with a ledger: the lock that serialises every writer of that member, and a
-- cache of SUM(points), SUM(growth), SUM(debt) over member_ledger kept in the same transaction as each entry
CREATE TABLE member_balances (
    store_id   VARCHAR(64)  NOT NULL,
    member_id  VARCHAR(64)  NOT NULL,
    points     BIGINT       NOT NULL,
    growth     BIGINT       NOT NULL,
    debt       BIGINT       NOT NULL,
    updated_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (store_id, member_id)
);

-- kind: AWARD, REVERSAL, REDEMPTION, DEBT_SETTLED, EXPIRY, TIER; points/growth/debt are signed deltas
CREATE TABLE member_ledger (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    store_id         VARCHAR(64)  NOT NULL,
    member_id        VARCHAR(64)  NOT NULL,
    kind             VARCHAR(16)  NOT NULL,
    order_id         VARCHAR(64)  NULL,
    points           BIGINT       NOT NULL,
    growth           BIGINT       NOT NULL,
    debt             BIGINT       NOT NULL,
    expires_at       TIMESTAMP(3) NULL,
    expired_award_id BIGINT       NULL,
    tier             VARCHAR(64)  NULL,
    plugin_id        VARCHAR(64)  NULL,
    detail           VARCHAR(255) NOT NULL,
    created_at       TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX member_ledger_member ON member_ledger (store_id, member_id, id);
CREATE INDEX member_ledger_order ON member_ledger (store_id, order_id, kind);
CREATE INDEX member_ledger_expiry ON member_ledger (expires_at);
-- an award expires at most once, however often or wherever the expiry job runs
CREATE UNIQUE INDEX member_ledger_expired_award ON member_ledger (expired_award_id);

-- attributes a membership program set through its decisions (e.g. card.validUntil)
CREATE TABLE member_attributes (
    store_id   VARCHAR(64)   NOT NULL,
    member_id  VARCHAR(64)   NOT NULL,
    name       VARCHAR(128)  NOT NULL,
    attr_value VARCHAR(1024) NOT NULL,
    updated_at TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (store_id, member_id, name)
);

-- one redemption per (store, member, order): a repeated request returns the first result
CREATE TABLE member_redemptions (
    store_id         VARCHAR(64)  NOT NULL,
    member_id        VARCHAR(64)  NOT NULL,
    order_id         VARCHAR(64)  NOT NULL,
    requested_points BIGINT       NOT NULL,
    order_amount     BIGINT       NULL,
    points           BIGINT       NOT NULL,
    amount           BIGINT       NOT NULL,
    currency         CHAR(3)      NOT NULL,
    balance_after    BIGINT       NOT NULL,
    reason           VARCHAR(255) NOT NULL,
    created_at       TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (store_id, member_id, order_id)
);
