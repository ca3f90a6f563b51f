-- Members as the host first saw them, and the idempotency record of every order event.
CREATE TABLE members (
    store_id   VARCHAR(64)  NOT NULL,
    member_id  VARCHAR(64)  NOT NULL,
    first_seen TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (store_id, member_id)
);

-- one row per accepted event; (store, order, type, seq) is the idempotency key
CREATE TABLE order_events (
    store_id    VARCHAR(64)  NOT NULL,
    order_id    VARCHAR(64)  NOT NULL,
    type        VARCHAR(16)  NOT NULL,
    seq         BIGINT       NOT NULL,
    body_hash   CHAR(64)     NOT NULL,
    member_id   VARCHAR(64)  NOT NULL,
    currency    CHAR(3)      NOT NULL,
    amount      BIGINT       NOT NULL,
    result      TEXT         NULL,
    received_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (store_id, order_id, type, seq)
);
