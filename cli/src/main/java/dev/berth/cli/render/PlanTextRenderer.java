package dev.berth.cli.render;

import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;

/** The terminal view, shaped like {@code terraform plan}. Unchanged addresses are not listed. */
public final class PlanTextRenderer implements PlanRenderer {
    private final Ansi ansi;

    /** @param color whether to use ANSI colors; the CLI decides from the terminal, NO_COLOR and --no-color */
    public PlanTextRenderer(boolean color) {
        this.ansi = new Ansi(color);
    }

    @Override
    public String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        if (!plan.problems().isEmpty()) {
            out.append(ansi.paint(Ansi.Style.BOLD_RED, "Error: " + PlanWords.PROBLEMS)).append('\n');
            plan.problems().forEach(p -> out.append("  ").append(ansi.paint(Ansi.Style.RED, "! " + p.message())).append('\n'));
            out.append('\n');
        }
        if (!plan.warnings().isEmpty()) {
            out.append(ansi.paint(Ansi.Style.YELLOW, PlanWords.WARNINGS)).append('\n');
            plan.warnings().forEach(w -> out.append("  ").append(ansi.paint(Ansi.Style.YELLOW, "! " + w.message())).append('\n'));
            out.append('\n');
        }
        if (!plan.hasChanges()) {
            return out.append(PlanWords.noChanges(plan)).append('\n').toString();
        }
        out.append("berth will perform the following actions on stack ").append(plan.stack()).append(":\n");
        for (PlannedChange change : plan.changes()) {
            if (change.action() != Action.noop) {
                out.append('\n');
                ChangeLines.of(change).forEach(line -> out.append(line.indentThenMarker(ansi)).append('\n'));
            }
        }
        return out.append('\n').append(ansi.paint(Ansi.Style.BOLD, PlanWords.summary(plan.summary()))).append('\n')
                .toString();
    }
}
