/**
 * Attribute-level before/after between two model values, and the words that summarise it.
 */
package dev.berth.planner.attribute;
