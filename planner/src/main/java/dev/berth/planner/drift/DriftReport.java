package dev.berth.planner.drift;

import java.util.List;

/** Every drift finding of one stack, sorted by address, host, task and kind. */
public record DriftReport(String stack, List<DriftFinding> findings) {
    public DriftReport {
        findings = findings.stream().sorted().toList();
    }

    public boolean inSync() {
        return findings.isEmpty();
    }
}
