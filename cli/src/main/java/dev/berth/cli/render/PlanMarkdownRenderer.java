package dev.berth.cli.render;

import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;

/**
 * A pull-request comment: marker, heading, problems, a summary table, then one collapsed
 * {@code diff} block per changed address (the same lines as the text view, marker first).
 */
public final class PlanMarkdownRenderer implements PlanRenderer {
    private final String source;

    /** @param source the stack and its var files as the command line gave them, for the comment marker */
    public PlanMarkdownRenderer(String source) {
        this.source = source;
    }

    @Override
    public String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append(Markdown.marker("plan", plan.stack(), source)).append('\n');
        out.append("### berth plan: `").append(Markdown.inline(plan.stack())).append("`\n\n");
        if (!plan.problems().isEmpty()) {
            out.append("> [!CAUTION]\n> **").append(PlanWords.PROBLEMS).append("**\n");
            plan.problems().forEach(p -> out.append("> - ").append(Markdown.inline(p.message())).append('\n'));
            out.append('\n');
        }
        if (!plan.warnings().isEmpty()) {
            out.append("> [!WARNING]\n> **").append(PlanWords.WARNINGS).append("**\n");
            plan.warnings().forEach(w -> out.append("> - ").append(Markdown.inline(w.message())).append('\n'));
            out.append('\n');
        }
        if (!plan.hasChanges()) {
            return out.append(PlanWords.noChanges(plan)).append('\n').toString();
        }
        Plan.Summary summary = plan.summary();
        out.append("| Create | Update | Replace | Delete | Unchanged |\n|---:|---:|---:|---:|---:|\n")
                .append("| ").append(summary.create()).append(" | ").append(summary.update())
                .append(" | ").append(summary.replace()).append(" | ").append(summary.delete())
                .append(" | ").append(summary.noop()).append(" |\n\n");
        for (PlannedChange change : plan.changes()) {
            if (change.action() != Action.noop) {
                appendChange(change, out);
            }
        }
        return out.append("**").append(PlanWords.summary(summary)).append("**\n").toString();
    }

    private static void appendChange(PlannedChange change, StringBuilder out) {
        StringBuilder diff = new StringBuilder();
        ChangeLines.of(change).forEach(line -> diff.append(line.markerThenIndent()).append('\n'));
        out.append("<details><summary><code>").append(change.action().symbol()).append(' ')
                .append(Markdown.inline(change.address().toString())).append("</code> (")
                .append(change.action()).append(")</summary>\n\n")
                .append(Markdown.fenced("diff", diff.toString()))
                .append("\n</details>\n\n");
    }
}
