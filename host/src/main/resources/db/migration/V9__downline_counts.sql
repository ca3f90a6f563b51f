-- Per-member team counters, so "downline size of X" and "direct referrals of X" are one primary-key
-- read instead of a COUNT that grows with the downline. Maintained by the binding transaction under
-- the store's tree lock: a bind adds the moved subtree's size to every new ancestor and subtracts it
-- from every old one. A member without a row has no downline.
CREATE TABLE referral_counts (
    store_id      VARCHAR(64) NOT NULL,
    member_id     VARCHAR(64) NOT NULL,
    direct_count  BIGINT      NOT NULL,
    downline_size BIGINT      NOT NULL,
    PRIMARY KEY (store_id, member_id)
);

-- backfill from the closure: depth 1 rows are direct referrals, all rows are the downline
INSERT INTO referral_counts (store_id, member_id, direct_count, downline_size)
SELECT store_id, ancestor_id, SUM(CASE WHEN depth = 1 THEN 1 ELSE 0 END), COUNT(*)
FROM referral_ancestors
GROUP BY store_id, ancestor_id;
