package dev.berth.cli.render;

import dev.berth.planner.drift.DriftFinding;
import dev.berth.planner.drift.DriftReport;

import java.util.Objects;

/** For a job summary or an issue: marker, heading, then a table of findings. */
public final class DriftMarkdownRenderer implements DriftRenderer {
    private final String source;

    /** @param source the stack and its var files as the command line gave them, for the comment marker */
    public DriftMarkdownRenderer(String source) {
        this.source = source;
    }

    @Override
    public String render(DriftReport report) {
        StringBuilder out = new StringBuilder();
        out.append(Markdown.marker("drift", report.stack(), source)).append('\n');
        out.append("### berth drift: `").append(Markdown.inline(report.stack())).append("`\n\n");
        if (report.inSync()) {
            return out.append(DriftWords.IN_SYNC).append('\n').toString();
        }
        out.append("**").append(Markdown.inline(DriftWords.headline(report))).append("**\n\n");
        out.append("| Kind | Address | Host | Task | Detail |\n|---|---|---|---|---|\n");
        for (DriftFinding finding : report.findings()) {
            out.append("| `").append(finding.kind()).append("` | `").append(Markdown.inline(finding.address().toString()))
                    .append("` | ").append(cell(finding.host()))
                    .append(" | ").append(cell(finding.taskId()))
                    .append(" | ").append(Markdown.inline(finding.detail())).append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String value) {
        return Markdown.inline(Objects.requireNonNullElse(value, ""));
    }
}
