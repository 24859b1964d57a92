package dev.berth.cli.render;

import dev.berth.planner.drift.DriftReport;

/** Writes a drift report in one output format. */
public interface DriftRenderer {
    String render(DriftReport report);
}
