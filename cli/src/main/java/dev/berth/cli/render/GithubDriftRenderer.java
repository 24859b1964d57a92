package dev.berth.cli.render;

import dev.berth.planner.drift.DriftFinding;
import dev.berth.planner.drift.DriftReport;
import dev.berth.planner.plan.Address;
import dev.berth.schema.source.SourcePosition;

import java.util.Optional;
import java.util.function.Function;

/**
 * GitHub Actions workflow commands: one {@code ::error} per finding, placed on the stack file line
 * that declares the address when it is known, so the annotation shows next to the code.
 */
public final class GithubDriftRenderer implements DriftRenderer {
    private final Function<Address, Optional<SourcePosition>> positions;

    /** @param positions where an address is declared; {@code a -> Optional.empty()} when unknown */
    public GithubDriftRenderer(Function<Address, Optional<SourcePosition>> positions) {
        this.positions = positions;
    }

    @Override
    public String render(DriftReport report) {
        if (report.inSync()) {
            return "::notice title=berth drift::" + WorkflowCommand.escapeData(DriftWords.IN_SYNC) + "\n";
        }
        StringBuilder out = new StringBuilder();
        for (DriftFinding finding : report.findings()) {
            out.append("::error ");
            positions.apply(finding.address()).ifPresent(p -> out.append(WorkflowCommand.position(p)).append(','));
            out.append("title=").append(WorkflowCommand.escapeProperty("berth drift (" + finding.kind() + ")"))
                    .append("::").append(WorkflowCommand.escapeData(DriftWords.message(finding))).append('\n');
        }
        return out.toString();
    }
}
