package dev.berth.cli.render;

import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.AttributeChange;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.LoadBalancerDetail;
import dev.berth.planner.plan.LoadBalancerRegistration;
import dev.berth.planner.plan.Rollout;
import dev.berth.planner.plan.ServiceDetail;
import dev.berth.planner.plan.ServicePlacement;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Lays out one planned change as lines, for the text renderer and the markdown diff blocks alike. */
final class ChangeLines {
    private ChangeLines() {
    }

    static List<ChangeLine> of(PlannedChange change) {
        List<ChangeLine> lines = new ArrayList<>();
        lines.add(new ChangeLine(0, change.action(), change.address().toString()));
        change.attributes().forEach(a -> lines.add(new ChangeLine(1, attributeAction(a), Values.describe(a))));
        change.reasons().forEach(r -> lines.add(new ChangeLine(1, null, "# " + r.message())));
        ServiceDetail service = change.service();
        if (service != null && !service.after().isEmpty()) {
            lines.add(new ChangeLine(1, null, "# after " + String.join(", ", service.after())));
        }
        if (service != null && service.rollout() != null) {
            lines.add(new ChangeLine(1, null, rollout(service.rollout())));
        }
        if (service != null) {
            placement(service.placement(), loadBalancers(service), lines);
        }
        if (change.detail() instanceof LoadBalancerDetail loadBalancer) {
            loadBalancer(loadBalancer, lines);
        }
        return lines;
    }

    private static Action attributeAction(AttributeChange change) {
        if (change.before() == null && change.after() != null) {
            return Action.create;
        }
        return change.after() == null && change.before() != null ? Action.delete : Action.update;
    }

    /** What happens to each container, and every target registered or deregistered. */
    private static void loadBalancer(LoadBalancerDetail detail, List<ChangeLine> lines) {
        int targets = detail.targets().size();
        String with = " with " + targets + " target" + (targets == 1 ? "" : "s");
        if (detail.discovery() != null && !detail.create().isEmpty()) {
            lines.add(new ChangeLine(1, null, "# answers to " + String.join(", ", detail.discovery().aliases())
                    + " in namespace " + detail.discovery().namespace() + " on each host"));
        }
        detail.create().forEach(h -> lines.add(new ChangeLine(1, Action.create, "container on " + h.host() + with)));
        detail.recreate().forEach(h -> lines.add(new ChangeLine(1, Action.replace, "container on " + h.host()
                + ", recreated" + with)));
        detail.reload().forEach(h -> lines.add(new ChangeLine(1, Action.update, "container on " + h.host()
                + ", new configuration loaded in place")));
        detail.register().forEach(c -> lines.add(new ChangeLine(1, Action.create, "register "
                + c.target().describe() + " on " + c.at().host())));
        detail.deregister().forEach(c -> lines.add(new ChangeLine(1, Action.delete, "deregister "
                + c.target().describe() + " on " + c.at().host())));
        detail.remove().forEach(h -> lines.add(new ChangeLine(1, Action.delete, "container on " + h.host())));
    }

    /** {@code rollout (min 100%, max 200%): start 3 new, then stop 3 old}; batches joined by {@code ;}. */
    static String rollout(Rollout rollout) {
        String steps = rollout.steps().stream().map(ChangeLines::step).collect(Collectors.joining("; "));
        return "rollout (min " + rollout.minimumHealthyPercent() + "%, max " + rollout.maximumPercent() + "%): "
                + steps;
    }

    private static String step(Rollout.Step step) {
        if (step.stop() == 0) {
            return "start " + step.start() + " new";
        }
        if (step.start() == 0) {
            return "stop " + step.stop() + " old";
        }
        return "start " + step.start() + " new, then stop " + step.stop() + " old";
    }

    /** ", registered with public" and ", drained from public first", or nothing without load balancers. */
    private static String loadBalancers(ServiceDetail service) {
        return String.join(", ", service.loadBalancers().stream().map(LoadBalancerRegistration::loadBalancer)
                .distinct().toList());
    }

    private static void placement(ServicePlacement placement, String loadBalancers, List<ChangeLine> lines) {
        String registered = loadBalancers.isEmpty() ? "" : ", registered with " + loadBalancers;
        String drained = loadBalancers.isEmpty() ? "" : "; drained from " + loadBalancers + " first";
        placement.starts().forEach(s -> lines.add(new ChangeLine(1, Action.create,
                "start task " + s.taskId() + " on " + s.host() + " (revision " + s.revision() + ")" + registered)));
        placement.stops().forEach(s -> lines.add(new ChangeLine(1, Action.delete,
                "stop task " + s.taskId() + " on " + s.host() + " (revision " + s.revision() + "): "
                        + s.why().message() + drained)));
        if (placement.hosts().isEmpty()) {
            return;
        }
        int width = placement.hosts().stream().mapToInt(h -> h.host().length()).max().orElse(0);
        lines.add(new ChangeLine(1, null, "tasks per host:"));
        placement.hosts().forEach(h -> lines.add(new ChangeLine(2, null,
                String.format("%-" + width + "s  %d -> %d", h.host(), h.before(), h.after()))));
    }
}
