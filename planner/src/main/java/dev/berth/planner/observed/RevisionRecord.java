package dev.berth.planner.observed;

import java.time.Instant;

/**
 * One registered revision of a task definition family, kept on every host of the clusters that use it so that
 * every machine sees the same history.
 *
 * @param definitionJson the canonical task definition as JSON (secrets hold only their valueFrom)
 * @param deployedAt     when the revision was first registered
 */
public record RevisionRecord(String family, int revision, String specHash, String definitionJson,
                             Instant deployedAt) {
}
