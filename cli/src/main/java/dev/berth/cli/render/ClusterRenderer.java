package dev.berth.cli.render;

import dev.berth.planner.placement.ClusterReport;

/** Writes a cluster report in one output format. */
public interface ClusterRenderer {
    String render(ClusterReport report);
}
