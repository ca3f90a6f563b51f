-- Marketplace storage hygiene: a rejected submission's package is deleted from disk after a retention
-- period (the row keeps its report and records when: purged_at); a provider's stored, undecided or
-- rejected packages are bounded by a quota. Both limits are platform settings an admin may change.
ALTER TABLE submissions ADD COLUMN purged_at TIMESTAMP(3) NULL;
CREATE INDEX ix_submissions_provider_stored ON submissions (provider_id, purged_at);

INSERT INTO platform_settings (name, val) VALUES ('marketplace.rejectedRetentionHours', '168');
INSERT INTO platform_settings (name, val) VALUES ('marketplace.providerQuotaBytes', '209715200');
