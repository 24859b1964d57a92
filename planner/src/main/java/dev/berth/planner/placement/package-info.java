/**
 * Where new tasks go (Nomad's placement): feasibility filters drop hosts, rankers order the rest, the placer composes them.
 */
package dev.berth.planner.placement;
