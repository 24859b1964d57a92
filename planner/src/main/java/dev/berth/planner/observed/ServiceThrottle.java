package dev.berth.planner.observed;

import java.time.Instant;

/**
 * That the agent is holding back a service whose tasks keep failing, as recorded on the hosts.
 *
 * @param restarts    replacements in a row so far
 * @param nextAttempt when the next may go
 */
public record ServiceThrottle(String service, int restarts, Instant nextAttempt) {
}
