package dev.berth.cli.render;

import dev.berth.planner.drift.DriftFinding;
import dev.berth.planner.drift.DriftReport;

/** Sentences every drift format shares. */
final class DriftWords {
    static final String IN_SYNC = "No drift. The hosts match the stack.";

    private DriftWords() {
    }

    /** {@code service.web on local: task web-1-abc stopped, container app exited 137}. */
    static String message(DriftFinding finding) {
        String where = finding.host() == null ? "" : " on " + finding.host();
        return finding.address() + where + ": " + finding.detail();
    }

    /** {@code Drift in stack shop: 3 findings.} */
    static String headline(DriftReport report) {
        int count = report.findings().size();
        return "Drift in stack " + report.stack() + ": " + count + (count == 1 ? " finding." : " findings.");
    }
}
