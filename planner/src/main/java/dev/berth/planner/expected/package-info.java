/**
 * What berth expects a container to look like, derived from the canonical task definition. The
 * applier creates containers from the same values, so drift detection and container creation
 * cannot disagree about what "as declared" means.
 */
package dev.berth.planner.expected;
