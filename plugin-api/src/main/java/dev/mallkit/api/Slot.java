package dev.mallkit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The slot kind of a Mallkit extension point: how many plugins for it one store may run. It is part of
 * the contract, so the host reads it from the interface and never decides it per point.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Slot {

    /** @return how many plugins for this point a store may run */
    Kind value();

    /** How many plugins for one extension point a store may run. */
    enum Kind {
        /** At most one: enabling a second is refused ({@code 409 SLOT_TAKEN}) until the first is disabled. */
        EXCLUSIVE,
        /** Any number, called in the store's order; each contributes to the answer. */
        ADDITIVE
    }
}
