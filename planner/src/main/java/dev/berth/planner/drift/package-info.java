/**
 * Drift: differences between the stack and what runs on its hosts, found without changing
 * anything. {@link dev.berth.planner.drift.DriftDetector} is pure, like the planner.
 */
package dev.berth.planner.drift;
