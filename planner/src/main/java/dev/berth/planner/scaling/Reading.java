package dev.berth.planner.scaling;

/**
 * One metric of a service as the agent measured it.
 *
 * @param value its value, in the metric's unit (percent, or requests per target per minute)
 * @param over  how many tasks (or load balancer targets) the value is an average over
 */
public record Reading(double value, int over) {
}
