package dev.berth.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.planner.drift.DriftFinding;
import dev.berth.planner.drift.DriftKind;
import dev.berth.planner.drift.DriftReport;

/**
 * The drift report as a versioned document, described by {@code schema/json/drift-v1.schema.json}.
 * {@code counts} names every kind, zero included, so dashboards need not know which kinds exist.
 */
public final class DriftJsonRenderer implements DriftRenderer {

    @Override
    public String render(DriftReport report) {
        ObjectNode root = JsonOutput.document(report.stack());
        root.put("inSync", report.inSync());
        ObjectNode counts = root.putObject("counts");
        for (DriftKind kind : DriftKind.values()) {
            counts.put(kind.name(), report.findings().stream().filter(f -> f.kind() == kind).count());
        }
        ArrayNode findings = root.putArray("findings");
        for (DriftFinding finding : report.findings()) {
            findings.addObject()
                    .put("kind", finding.kind().name())
                    .put("address", finding.address().toString())
                    .put("host", finding.host())
                    .put("taskId", finding.taskId())
                    .put("detail", finding.detail());
        }
        return JsonOutput.write(root);
    }
}
