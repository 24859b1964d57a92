/**
 * The immutable desired-state model of a stack. Field names follow the ECS API. Optional values
 * are {@code null} until {@link dev.berth.schema.canonical.Canonicalizer} fills their defaults;
 * collections are never null.
 */
package dev.berth.schema.model;
