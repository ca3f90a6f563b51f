/** Bytecode reading shared by the compatibility and forbidden-API checks. */
package dev.mallkit.marketplace.bytecode;
