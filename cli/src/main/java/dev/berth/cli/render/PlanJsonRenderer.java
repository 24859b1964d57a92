package dev.berth.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.planner.plan.AttributeChange;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Rollout;
import dev.berth.planner.plan.ServicePlacement;

/**
 * The plan as a versioned document, described by {@code schema/json/plan-v1.schema.json}. Every
 * address of the stack is listed, unchanged ones with action {@code noop}, so tools see the whole
 * stack. A sensitive attribute is missing from {@code before} and {@code after} and named in
 * {@code sensitive}.
 */
public final class PlanJsonRenderer implements PlanRenderer {

    @Override
    public String render(Plan plan) {
        ObjectNode root = JsonOutput.document(plan.stack());
        root.put("hasChanges", plan.hasChanges());
        ArrayNode changes = root.putArray("changes");
        plan.changes().forEach(c -> changes.add(change(c)));
        ArrayNode problems = root.putArray("problems");
        plan.problems().forEach(problems::add);
        ArrayNode warnings = root.putArray("warnings");
        plan.warnings().forEach(warnings::add);
        Plan.Summary summary = plan.summary();
        root.putObject("summary")
                .put("create", summary.create())
                .put("update", summary.update())
                .put("replace", summary.replace())
                .put("delete", summary.delete())
                .put("noop", summary.noop());
        return JsonOutput.write(root);
    }

    private static ObjectNode change(PlannedChange change) {
        ObjectNode node = JsonOutput.MAPPER.createObjectNode();
        node.put("address", change.address().toString());
        node.put("kind", change.address().kind().name());
        node.put("name", change.address().name());
        node.put("action", change.action().name());
        ObjectNode before = node.putObject("before");
        ObjectNode after = node.putObject("after");
        ArrayNode sensitive = node.putArray("sensitive");
        for (AttributeChange attribute : change.attributes()) {
            if (attribute.sensitive()) {
                sensitive.add(attribute.path());
            } else {
                before.set(attribute.path(), JsonOutput.MAPPER.valueToTree(attribute.before()));
                after.set(attribute.path(), JsonOutput.MAPPER.valueToTree(attribute.after()));
            }
        }
        ArrayNode reasons = node.putArray("reasons");
        change.reasons().forEach(reasons::add);
        node.set("rollout", change.rollout() == null ? null : rollout(change.rollout()));
        node.set("placement", change.placement() == null ? null : placement(change.placement()));
        return node;
    }

    private static ObjectNode rollout(Rollout rollout) {
        ObjectNode node = JsonOutput.MAPPER.createObjectNode();
        node.put("minimumHealthyPercent", rollout.minimumHealthyPercent());
        node.put("maximumPercent", rollout.maximumPercent());
        ArrayNode steps = node.putArray("steps");
        rollout.steps().forEach(s -> steps.addObject().put("start", s.start()).put("stop", s.stop()));
        return node;
    }

    private static ObjectNode placement(ServicePlacement placement) {
        ObjectNode node = JsonOutput.MAPPER.createObjectNode();
        ArrayNode starts = node.putArray("starts");
        placement.starts().forEach(s -> starts.addObject()
                .put("taskId", s.taskId()).put("host", s.host()).put("revision", s.revision()));
        ArrayNode stops = node.putArray("stops");
        placement.stops().forEach(s -> stops.addObject()
                .put("taskId", s.taskId()).put("host", s.host()).put("revision", s.revision()).put("why", s.why()));
        ArrayNode hosts = node.putArray("hosts");
        placement.hosts().forEach(h -> hosts.addObject()
                .put("host", h.host()).put("before", h.before()).put("after", h.after()));
        return node;
    }
}
