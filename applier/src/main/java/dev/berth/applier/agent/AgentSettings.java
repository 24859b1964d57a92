package dev.berth.applier.agent;

import java.time.Duration;

/**
 * How an agent paces itself.
 *
 * @param interval          the longest wait between two full observations (events wake it sooner)
 * @param lostHostGrace     how long a host may not answer before its tasks are replaced elsewhere
 * @param restartDelay      the wait before the second replacement of a failing service in a row;
 *                          it doubles with each further one
 * @param restartDelayLimit the longest such wait; a service that ran this long without a failure
 *                          starts afresh
 */
public record AgentSettings(Duration interval, Duration lostHostGrace, Duration restartDelay,
                            Duration restartDelayLimit) {
    public static final AgentSettings DEFAULTS = new AgentSettings(Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofSeconds(10), Duration.ofMinutes(5));

    public AgentSettings {
        if (interval.isNegative() || interval.isZero() || lostHostGrace.isNegative() || restartDelay.isNegative()
                || restartDelayLimit.compareTo(restartDelay) < 0) {
            throw new IllegalArgumentException("agent settings out of range: " + interval + ", " + lostHostGrace
                    + ", " + restartDelay + ", " + restartDelayLimit);
        }
    }
}
