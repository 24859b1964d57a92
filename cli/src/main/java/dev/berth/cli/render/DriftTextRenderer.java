package dev.berth.cli.render;

import dev.berth.planner.drift.DriftFinding;
import dev.berth.planner.drift.DriftReport;

/** The terminal view: a headline, then one line per finding with its kind in an aligned column. */
public final class DriftTextRenderer implements DriftRenderer {
    private final Ansi ansi;

    public DriftTextRenderer(boolean color) {
        this.ansi = new Ansi(color);
    }

    @Override
    public String render(DriftReport report) {
        if (report.inSync()) {
            return DriftWords.IN_SYNC + "\n";
        }
        StringBuilder out = new StringBuilder(ansi.paint(Ansi.Style.BOLD, DriftWords.headline(report))).append("\n\n");
        int width = report.findings().stream().mapToInt(f -> f.kind().name().length()).max().orElseThrow();
        for (DriftFinding finding : report.findings()) {
            String kind = String.format("%-" + width + "s", finding.kind());
            out.append("  ").append(ansi.paint(Ansi.Style.RED, kind)).append("  ")
                    .append(DriftWords.message(finding)).append('\n');
        }
        return out.toString();
    }
}
