-- Distribution: the referral tree (current binding, binding history, ancestor closure) and the
-- commission ledger (one head row per order and level, append-only entries).

-- a member's current referrer; members without a row are roots
CREATE TABLE referrals (
    store_id    VARCHAR(64)  NOT NULL,
    member_id   VARCHAR(64)  NOT NULL,
    referrer_id VARCHAR(64)  NOT NULL,
    source      VARCHAR(32)  NOT NULL,
    bound_at    TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (store_id, member_id)
);
CREATE INDEX ix_referrals_referrer ON referrals (store_id, referrer_id);

-- every binding that was made, with the referrer it replaced (NULL for a first binding)
CREATE TABLE referral_history (
    id                   BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id             VARCHAR(64)  NOT NULL,
    member_id            VARCHAR(64)  NOT NULL,
    referrer_id          VARCHAR(64)  NOT NULL,
    replaced_referrer_id VARCHAR(64)  NULL,
    source               VARCHAR(32)  NOT NULL,
    reason               VARCHAR(64)  NOT NULL,
    bound_at             TIMESTAMP(3) NOT NULL
);
CREATE INDEX ix_referral_history_member ON referral_history (store_id, member_id, id);

-- closure of the tree: one row per (member, ancestor) with the distance, 1 = direct referrer.
-- PK order serves "ancestors of X nearest first"; the unique index serves loop checks, subtree
-- enumeration and "downline size of X" as one index range count.
CREATE TABLE referral_ancestors (
    store_id    VARCHAR(64) NOT NULL,
    member_id   VARCHAR(64) NOT NULL,
    depth       INT         NOT NULL,
    ancestor_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (store_id, member_id, depth)
);
CREATE UNIQUE INDEX ux_referral_ancestors_ancestor ON referral_ancestors (store_id, ancestor_id, member_id);

-- one commission as captured at PAID: who earns how much of which order, and where it stands
CREATE TABLE commissions (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id       VARCHAR(64)  NOT NULL,
    order_id       VARCHAR(64)  NOT NULL,
    level          INT          NOT NULL,
    beneficiary_id VARCHAR(64)  NOT NULL,
    currency       CHAR(3)      NOT NULL,
    captured       BIGINT       NOT NULL,
    reversed       BIGINT       NOT NULL,
    order_paid     BIGINT       NOT NULL,
    order_refunded BIGINT       NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    settle_after   TIMESTAMP(3) NOT NULL,
    settled_at     TIMESTAMP(3) NULL,
    reason         VARCHAR(200) NOT NULL,
    created_at     TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX ux_commissions_order_level ON commissions (store_id, order_id, level);
CREATE INDEX ix_commissions_due ON commissions (status, settle_after);

-- append-only: PENDING (captured), SETTLED (net moved to settled), REVERSED (refund while pending),
-- CLAWBACK (refund after settlement); amounts are positive, the type gives the direction
CREATE TABLE commission_entries (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commission_id  BIGINT       NOT NULL,
    store_id       VARCHAR(64)  NOT NULL,
    beneficiary_id VARCHAR(64)  NOT NULL,
    type           VARCHAR(16)  NOT NULL,
    amount         BIGINT       NOT NULL,
    created_at     TIMESTAMP(3) NOT NULL,
    CONSTRAINT fk_commission_entries_commission FOREIGN KEY (commission_id) REFERENCES commissions (id)
);
CREATE INDEX ix_commission_entries_beneficiary ON commission_entries (store_id, beneficiary_id, id);
