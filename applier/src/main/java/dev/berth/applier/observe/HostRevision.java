package dev.berth.applier.observe;

import dev.berth.planner.observed.RevisionRecord;

/** A revision record as one host holds it; the host is kept to explain disagreements. */
public record HostRevision(String host, RevisionRecord record) {
}
