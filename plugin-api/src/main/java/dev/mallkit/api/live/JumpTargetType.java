package dev.mallkit.api.live;

/** The kinds of place a live room can send a viewer to. New kinds may be added in minor versions. */
public enum JumpTargetType {
    /** A product in the store's live showcase. */
    SHOWCASE_PRODUCT,
    /** A mini-program page (appid, path, query), with a URL Scheme and URL Link parameters. */
    MINI_PROGRAM_PAGE,
    /** An official-account article. */
    OFFICIAL_ACCOUNT_ARTICLE,
    /** An official-account profile to follow. */
    OFFICIAL_ACCOUNT_PROFILE,
    /** A WeCom contact-me configuration. */
    WECOM_CONTACT,
    /** A WeCom customer-acquisition link carrying a {@code customer_channel}. */
    WECOM_ACQUISITION_LINK
}
