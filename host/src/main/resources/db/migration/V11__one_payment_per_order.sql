-- One PAID event per order, enforced by a primary key: two payments of one order with different seq numbers
-- delivered at the same moment both passed the in-transaction check (neither saw the other's uncommitted row).
-- A table of its own rather than a unique index on order_events: H2 retries a secondary unique index's conflict
-- with an uncommitted row in a busy loop, which on virtual threads can starve the very transaction it waits for;
-- a primary-key conflict fails at once as a transient "concurrent update".
CREATE TABLE order_payments (
    store_id VARCHAR(64) NOT NULL,
    order_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (store_id, order_id)
);
INSERT INTO order_payments (store_id, order_id) SELECT DISTINCT store_id, order_id FROM order_events WHERE type = 'PAID';
