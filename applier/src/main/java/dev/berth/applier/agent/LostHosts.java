package dev.berth.applier.agent;

import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Since when each host has not answered, across observations. A host that is away for less than
 * the grace keeps its tasks' slots (a restarting engine is not a lost one); past it, the plan
 * replaces them elsewhere, as ECS does for a disconnected container instance.
 */
final class LostHosts {
    private final Duration grace;
    private final Map<String, Instant> awaySince = new HashMap<>();

    LostHosts(Duration grace) {
        this.grace = grace;
    }

    /** Takes in an observation made at {@code now}. */
    void observed(ObservedState observed, Instant now) {
        Set<String> away = new TreeSet<>();
        for (ObservedHost host : observed.hosts()) {
            if (!host.reachable()) {
                away.add(host.cluster() + "/" + host.name());
            }
        }
        awaySince.keySet().retainAll(away);
        away.forEach(host -> awaySince.putIfAbsent(host, now));
    }

    /** The hosts away for longer than the grace, as {@code cluster/host}. */
    Set<String> lost(Instant now) {
        Set<String> lost = new TreeSet<>();
        awaySince.forEach((host, since) -> {
            if (Duration.between(since, now).compareTo(grace) >= 0) {
                lost.add(host);
            }
        });
        return lost;
    }

    /** When the next host's grace ends, or null when none is away. */
    Instant nextDeadline() {
        return awaySince.values().stream().min(Instant::compareTo).map(since -> since.plus(grace)).orElse(null);
    }
}
