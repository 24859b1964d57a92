/**
 * Stable fingerprints of a plan's inputs, so a saved plan can tell when the world moved under it.
 */
package dev.berth.planner.fingerprint;
