package dev.berth.applier.events;

import java.time.Instant;

/**
 * What happens during an apply, for progress output: a live view on a terminal, one line per event
 * in CI, or JSON lines. Events never carry secret values.
 *
 * @param address  the plan address the event is about ({@code service.web}), or null for the apply
 * @param counts   the service's task counts after the event, or null when not about a service
 */
public record ApplyEvent(Instant at, Type type, String address, String message, ServiceCounts counts) {

    public enum Type {
        /** An address's change begins. */
        started,
        /** A step of a change: a task started, became healthy, was stopped; a rollout batch began. */
        progress,
        /** A task failed to start or become healthy (counts against the circuit breaker). */
        taskFailed,
        /** An address's change finished as planned. */
        completed,
        /** An address's change failed; {@code message} says why. */
        failed,
        /** A service went back to its previous revision (circuit breaker or --atomic). */
        rolledBack,
        /** A note for the user that is none of the above (waiting for a lock, skipping a host). */
        info
    }

    /** Desired, running and healthy tasks of a service, and the step of its rollout ("2/3"). */
    public record ServiceCounts(int desired, int running, int healthy, String step) {
    }
}
