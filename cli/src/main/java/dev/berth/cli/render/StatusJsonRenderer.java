package dev.berth.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.applier.status.ContainerStatus;
import dev.berth.applier.status.ServiceStatus;
import dev.berth.applier.status.StatusReport;
import dev.berth.applier.status.TaskStatus;

/** {@code berth status --format json}, described by {@code schema/json/status-v1.schema.json}. */
public final class StatusJsonRenderer {

    public String render(StatusReport report) {
        ObjectNode root = JsonOutput.document(report.stack());
        ArrayNode hosts = root.putArray("hosts");
        report.hosts().forEach(h -> {
            ObjectNode host = hosts.addObject().put("cluster", h.cluster()).put("name", h.name())
                    .put("endpoint", h.endpoint()).put("reachable", h.reachable());
            if (h.error() != null) {
                host.put("error", h.error());
            }
        });
        ArrayNode services = root.putArray("services");
        report.services().forEach(s -> services.add(service(s)));
        ArrayNode loadBalancers = root.putArray("loadBalancers");
        report.loadBalancers().forEach(lb -> {
            ObjectNode node = loadBalancers.addObject().put("name", lb.name()).put("cluster", lb.cluster())
                    .put("host", lb.host()).put("running", lb.running());
            ArrayNode listeners = node.putArray("listeners");
            lb.listeners().forEach(listeners::add);
            ArrayNode targets = node.putArray("targets");
            lb.targets().forEach(t -> targets.addObject().put("service", t.service()).put("taskId", t.taskId())
                    .put("address", t.address()).put("health", t.health()).put("check", t.check())
                    .put("connections", t.sessions()).put("requests", t.requests()));
        });
        ArrayNode warnings = root.putArray("warnings");
        report.warnings().forEach(warnings::add);
        return JsonOutput.write(root);
    }

    private static ObjectNode service(ServiceStatus status) {
        ObjectNode service = JsonOutput.MAPPER.createObjectNode()
                .put("name", status.name())
                .put("cluster", status.cluster())
                .put("desiredCount", status.desired())
                .put("runningCount", status.running())
                .put("healthyCount", status.healthy());
        if (status.throttle() != null) {
            service.putObject("throttle").put("restarts", status.throttle().restarts())
                    .put("nextAttempt", status.throttle().nextAttempt().toString());
        }
        ArrayNode revisions = service.putArray("revisions");
        status.revisions().forEach(r -> revisions.addObject().put("revision", r.revision()).put("tasks", r.tasks()));
        ArrayNode tasks = service.putArray("tasks");
        status.tasks().forEach(t -> tasks.add(task(t)));
        return service;
    }

    private static ObjectNode task(TaskStatus status) {
        ObjectNode task = JsonOutput.MAPPER.createObjectNode()
                .put("taskId", status.taskId())
                .put("cluster", status.cluster())
                .put("host", status.host())
                .put("revision", status.revision())
                .put("verdict", status.verdict().kind().name())
                .put("running", status.running())
                .put("healthy", status.healthy());
        ArrayNode details = task.putArray("verdictDetails");
        status.verdict().details().forEach(details::add);
        ArrayNode containers = task.putArray("containers");
        status.containers().forEach(c -> containers.add(container(c)));
        return task;
    }

    private static ObjectNode container(ContainerStatus status) {
        ObjectNode container = JsonOutput.MAPPER.createObjectNode()
                .put("name", status.name())
                .put("state", status.state());
        if (status.health() != null) {
            container.put("health", status.health());
        }
        ArrayNode ports = container.putArray("ports");
        status.ports().forEach(ports::add);
        return container;
    }
}
