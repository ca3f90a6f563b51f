package dev.mallkit.host.auth;

/** The four roles of the HTTP contract. */
public enum Role {
    /** The platform: creates tenants, reviews plugins. */
    ADMIN,
    /** A service provider: owns plugin ids, submits packages. */
    PROVIDER,
    /** A merchant: owns stores, configures their feature mix. */
    MERCHANT,
    /** A key scoped to one store for runtime calls. */
    STOREFRONT
}
