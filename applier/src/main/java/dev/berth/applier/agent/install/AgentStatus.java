package dev.berth.applier.agent.install;

import dev.berth.applier.lock.LockHolder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The installed agents of a stack and who leads it.
 *
 * @param leader      the holder of the leader lease; null when no agent leads
 * @param unreachable hosts that did not answer, with the reason: their agents are not listed
 */
public record AgentStatus(String stack, List<Agent> agents, LockHolder leader, Map<String, String> unreachable) {
    public AgentStatus {
        agents = List.copyOf(agents);
        unreachable = Map.copyOf(unreachable);
    }

    /** The installed agent that leads; null when the leader is none of them (or there is none). */
    public Agent leading() {
        return agents.stream().filter(Agent::leads).findFirst().orElse(null);
    }

    /**
     * One agent container.
     *
     * @param state        the engine's word: running, restarting, exited, ...
     * @param since        when it started (running) or stopped; null when the engine does not say
     * @param restartCount how often the engine restarted it under its restart policy
     * @param image        the image's name, as the container was created from it
     */
    public record Agent(String host, String endpoint, String container, String state, Instant since,
                        int restartCount, String image, boolean leads) {
    }
}
