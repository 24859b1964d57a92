package dev.berth.cli.render;

import dev.berth.applier.status.ContainerStatus;
import dev.berth.applier.status.LoadBalancerStatus;
import dev.berth.applier.status.ServiceStatus;
import dev.berth.applier.status.StatusReport;
import dev.berth.applier.status.StatusReport.HostStatus;
import dev.berth.applier.status.TaskStatus;

/** {@code berth status}: a services table like {@code describe-services}, then each service's tasks. */
public final class StatusTextRenderer {

    public String render(StatusReport report) {
        StringBuilder out = new StringBuilder();
        long reachable = report.hosts().stream().filter(HostStatus::reachable).count();
        out.append("Stack ").append(report.stack()).append(": ").append(count(report.services().size(), "service"))
                .append(" on ").append(count((int) reachable, "reachable host")).append("\n\n");
        TextTable services = new TextTable("SERVICE", "CLUSTER", "DESIRED", "RUNNING", "HEALTHY", "REVISION");
        report.services().forEach(s -> services.row(s.name(), s.cluster(), Integer.toString(s.desired()),
                Integer.toString(s.running()), Integer.toString(s.healthy()), s.revisionSummary()));
        out.append(services.render(""));
        for (ServiceStatus service : report.services()) {
            if (service.throttle() != null) {
                out.append('\n').append(service.name()).append(": the agent holds it back, ")
                        .append(service.throttle().restarts()).append(" replacements in a row; next attempt at ")
                        .append(service.throttle().nextAttempt()).append('\n');
            }
        }
        for (ServiceStatus service : report.services()) {
            if (!service.tasks().isEmpty()) {
                out.append('\n').append(service.name()).append(" tasks:\n").append(tasks(service));
            }
        }
        for (LoadBalancerStatus lb : report.loadBalancers()) {
            out.append('\n').append("load balancer ").append(lb.name()).append(" on ").append(lb.cluster()).append('/')
                    .append(lb.host()).append(": ").append(lb.running() ? "running" : "not running")
                    .append(lb.listeners().isEmpty() ? "" : ", listeners " + String.join(", ", lb.listeners()))
                    .append('\n');
            if (!lb.targets().isEmpty()) {
                TextTable targets = new TextTable("SERVICE", "TARGET", "ADDRESS", "HEALTH", "CHECK", "CONNECTIONS",
                        "REQUESTS");
                lb.targets().forEach(t -> targets.row(t.service(), t.taskId(), t.address(), t.health(),
                        t.check().isEmpty() ? "-" : t.check(), Integer.toString(t.sessions()), Long.toString(t.requests())));
                out.append(targets.render("  "));
            }
        }
        if (!report.unreachableHosts().isEmpty()) {
            out.append("\nUnreachable hosts (their tasks are not shown):\n");
            report.unreachableHosts().forEach(h -> out.append("  ").append(h.cluster()).append('/').append(h.name())
                    .append(" (").append(h.endpoint()).append("): ").append(h.error()).append('\n'));
        }
        if (!report.warnings().isEmpty()) {
            out.append("\nWarnings:\n");
            report.warnings().forEach(w -> out.append("  ").append(w).append('\n'));
        }
        return out.toString();
    }

    /** One line per container; the task's columns only on its first. */
    private static String tasks(ServiceStatus service) {
        TextTable table = new TextTable("TASK", "HOST", "REVISION", "VERDICT", "CONTAINER", "STATE", "HEALTH", "PORTS");
        for (TaskStatus task : service.tasks()) {
            boolean first = true;
            for (ContainerStatus container : task.containers()) {
                table.row(first ? task.taskId() : "", first ? task.cluster() + "/" + task.host() : "",
                        first ? task.revision() : "", first ? task.verdict().kind().name() : "", container.name(),
                        container.state(), container.health(),
                        container.ports().isEmpty() ? "-" : String.join(", ", container.ports()));
                first = false;
            }
        }
        return table.render("  ");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
