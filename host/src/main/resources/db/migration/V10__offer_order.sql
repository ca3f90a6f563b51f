-- Which room a viewer was offered targets in last decides a click without a token. TIMESTAMP(3) cannot
-- order that: Connector/J drops fractional seconds when talking to MariaDB (its handshake reads as MySQL
-- 5.5), so two offers in one second tie. Epoch microseconds in a BIGINT keep the order on every database.
ALTER TABLE attribution_tokens ADD COLUMN offered_us BIGINT NOT NULL DEFAULT 0;
CREATE INDEX ix_attribution_tokens_viewer_us ON attribution_tokens (store_id, viewer_id, offered_us);
