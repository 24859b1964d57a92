package dev.berth.planner.revision;

import dev.berth.schema.model.TaskDefinition;

/**
 * The revision a service's tasks must run: its number, the content hash its tasks carry, and the
 * definition (what the placer reserves and what a replacement's reason is diffed against).
 */
public record DesiredRevision(String family, int revision, String specHash, TaskDefinition definition) {

    /** {@code family:revision}, as ECS writes it. */
    public String label() {
        return family + ":" + revision;
    }
}
