package dev.berth.planner.observed;

import java.time.Instant;

/**
 * The desiredCount auto scaling last set for a service, as recorded on the hosts: the count the
 * plan keeps (within the stack's bounds) instead of the stack's {@code desiredCount}.
 *
 * @param scaledOut   whether that action raised the count (its cooldown is the scale-out one)
 * @param minCapacity the bound a scheduled action set, or null for the stack's
 * @param maxCapacity likewise
 * @param from        the count before that action; null in a record of an older berth
 */
public record ScaledCount(String service, int count, Instant at, boolean scaledOut, Integer minCapacity,
                          Integer maxCapacity, Integer from) {
}
