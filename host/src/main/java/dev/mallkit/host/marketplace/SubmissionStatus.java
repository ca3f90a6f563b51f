package dev.mallkit.host.marketplace;

/** Where a submission is in review. */
enum SubmissionStatus {
    /** The automated checks passed; an admin has to approve or reject it. */
    PENDING,
    /** An automated check found a blocking problem; the report says which. */
    REJECTED_AUTOMATICALLY,
    /** An admin approved it: signed, published and installed. */
    APPROVED,
    /** An admin rejected it, with a reason. */
    REJECTED
}
