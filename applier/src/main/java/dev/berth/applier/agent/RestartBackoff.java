package dev.berth.applier.agent;

import java.time.Duration;
import java.time.Instant;
import dev.berth.planner.observed.ServiceThrottle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Throttles a service whose tasks keep failing, as ECS throttles task launches and Nomad delays
 * rescheduling: the first replacement goes at once, each further one in a row waits twice as
 * long as the one before (from {@code restartDelay} up to {@code restartDelayLimit}), and a
 * service that then runs that long without a failure starts afresh.
 */
final class RestartBackoff {
    private final Duration first;
    private final Duration limit;
    private final Map<String, State> services = new HashMap<>();

    RestartBackoff(Duration first, Duration limit) {
        this.first = first;
        this.limit = limit;
    }

    /** When the service's next replacement may go; empty when it may go now. */
    Optional<Instant> heldUntil(String service, Instant now) {
        State state = current(service, now);
        return state == null || !state.next.isAfter(now) ? Optional.empty() : Optional.of(state.next);
    }

    /** The service's failed tasks were replaced at {@code now}. */
    void replaced(String service, Instant now) {
        State state = current(service, now);
        int count = state == null ? 1 : state.count + 1;
        services.put(service, new State(count, now.plus(delay(count + 1))));
    }

    /** Replacements in a row so far. */
    int restarts(String service, Instant now) {
        State state = current(service, now);
        return state == null ? 0 : state.count;
    }

    /** Every service with replacements in a row that has not started afresh, by name. */
    List<ServiceThrottle> throttles(Instant now) {
        List<ServiceThrottle> throttles = new ArrayList<>();
        new TreeMap<>(services).keySet().forEach(service -> {
            State state = current(service, now);
            if (state != null) {
                throttles.add(new ServiceThrottle(service, state.count, state.next));
            }
        });
        return throttles;
    }

    /** The wait before the {@code replacement}-th in a row: none for the first, then restartDelay doubling. */
    Duration delay(int replacement) {
        if (replacement <= 1) {
            return Duration.ZERO;
        }
        Duration delay = first;
        for (int i = 2; i < replacement && delay.compareTo(limit) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(limit) > 0 ? limit : delay;
    }

    private State current(String service, Instant now) {
        State state = services.get(service);
        if (state != null && now.isAfter(state.next.plus(limit))) {
            services.remove(service);
            return null;
        }
        return state;
    }

    private record State(int count, Instant next) {
    }
}
