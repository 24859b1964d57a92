/**
 * Figures derived from observations of the hosts, for auto scaling: pure, the times of the
 * observations given by the caller.
 */
package dev.berth.planner.metrics;
