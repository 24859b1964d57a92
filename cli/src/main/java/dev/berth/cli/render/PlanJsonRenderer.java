package dev.berth.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.planner.plan.AttributeChange;
import dev.berth.planner.plan.ChangeDetail;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.LoadBalancerDetail;
import dev.berth.planner.plan.NetworkDetail;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.RevisionDetail;
import dev.berth.planner.plan.Rollout;
import dev.berth.planner.plan.ServiceDetail;
import dev.berth.planner.plan.ServicePlacement;
import java.util.List;

/**
 * The plan as a versioned document, described by {@code schema/json/plan-v2.schema.json}. Every
 * address of the stack is listed, unchanged ones with action {@code noop}, so tools see the whole
 * stack. Reasons, warnings and problems are objects: a stable {@code code}, its parameters and the
 * {@code message}. A sensitive attribute is missing from {@code before} and {@code after} and named
 * in {@code sensitive}.
 */
public final class PlanJsonRenderer implements PlanRenderer {
    static final int FORMAT_VERSION = 2;

    @Override
    public String render(Plan plan) {
        ObjectNode root = JsonOutput.document(FORMAT_VERSION, plan.stack());
        root.put("hasChanges", plan.hasChanges());
        ArrayNode changes = root.putArray("changes");
        plan.changes().forEach(c -> changes.add(change(c)));
        root.set("problems", reasons(plan.problems()));
        root.set("warnings", reasons(plan.warnings()));
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
        node.set("reasons", reasons(change.reasons()));
        node.set("detail", detail(change.detail()));
        return node;
    }

    /** {@code {"code": "IMAGE_CHANGED", "tasks": 3, ..., "message": "image changed: ..."}}. */
    static ObjectNode reason(Reason reason) {
        ObjectNode node = JsonOutput.MAPPER.valueToTree(reason.params());
        node.put("code", reason.code().name());
        node.put("message", reason.message());
        return node;
    }

    private static ArrayNode reasons(List<Reason> reasons) {
        ArrayNode array = JsonOutput.MAPPER.createArrayNode();
        reasons.forEach(r -> array.add(reason(r)));
        return array;
    }

    private static ObjectNode detail(ChangeDetail detail) {
        if (detail == null) {
            return null;
        }
        ObjectNode node = JsonOutput.MAPPER.createObjectNode();
        switch (detail) {
            case ServiceDetail service -> {
                node.put("type", "service").put("cluster", service.cluster());
                ServiceDetail.Launch launch = service.launch();
                ObjectNode launched = launch == null ? null : JsonOutput.MAPPER.createObjectNode()
                        .put("revision", launch.label()).put("specHash", launch.specHash())
                        .put("namespace", launch.namespace());
                if (launched != null) {
                    launched.set("aliases", strings(launch.aliases()));
                    launched.put("healthCheckGracePeriodSeconds", launch.healthCheckGracePeriodSeconds());
                }
                node.set("launch", launched);
                node.set("circuitBreaker", service.breaker() == null ? null : JsonOutput.MAPPER.createObjectNode()
                        .put("threshold", service.breaker().threshold()).put("rollback", service.breaker().rollback()));
                node.set("rollout", service.rollout() == null ? null : rollout(service.rollout()));
                node.set("placement", placement(service.placement()));
                node.set("after", strings(service.after()));
                ArrayNode loadBalancers = node.putArray("loadBalancers");
                service.loadBalancers().forEach(r -> {
                    ObjectNode registration = loadBalancers.addObject().put("loadBalancer", r.loadBalancer())
                            .put("containerName", r.containerName()).put("containerPort", r.containerPort())
                            .put("healthTimeoutSeconds", r.healthTimeoutSeconds())
                            .put("deregistrationDelay", r.deregistrationDelay());
                    registration.set("hosts", hosts(r.hosts()));
                });
            }
            case NetworkDetail network -> {
                node.put("type", "network").put("network", network.network()).put("namespace", network.namespace());
                node.set("hosts", hosts(network.hosts()));
            }
            case RevisionDetail revision -> {
                node.put("type", "revision").put("revision", revision.label()).put("specHash", revision.specHash());
                node.set("hosts", hosts(revision.hosts()));
            }
            case LoadBalancerDetail loadBalancer -> {
                node.put("type", "loadBalancer").put("cluster", loadBalancer.cluster())
                        .put("specHash", loadBalancer.specHash());
                ArrayNode backends = node.putArray("backends");
                loadBalancer.backends().forEach(b -> backends.addObject().put("service", b.service())
                        .put("containerName", b.containerName()).put("containerPort", b.containerPort()));
                node.set("targets", targets(loadBalancer.targets()));
                node.set("create", hosts(loadBalancer.create()));
                node.set("recreate", hosts(loadBalancer.recreate()));
                node.set("reload", hosts(loadBalancer.reload()));
                node.set("remove", hosts(loadBalancer.remove()));
                node.set("register", changes(loadBalancer.register()));
                node.set("deregister", changes(loadBalancer.deregister()));
                LoadBalancerDetail.Discovery discovery = loadBalancer.discovery();
                node.set("discovery", discovery == null ? null : JsonOutput.MAPPER.createObjectNode()
                        .put("namespace", discovery.namespace()).set("aliases", strings(discovery.aliases())));
            }
        }
        return node;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JsonOutput.MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ArrayNode targets(List<LoadBalancerDetail.Target> targets) {
        ArrayNode array = JsonOutput.MAPPER.createArrayNode();
        targets.forEach(t -> target(array.addObject(), t));
        return array;
    }

    private static ArrayNode changes(List<LoadBalancerDetail.TargetChange> changes) {
        ArrayNode array = JsonOutput.MAPPER.createArrayNode();
        changes.forEach(c -> target(array.addObject().put("at", c.at().host()), c.target()));
        return array;
    }

    private static void target(ObjectNode node, LoadBalancerDetail.Target target) {
        node.put("service", target.service()).put("taskId", target.taskId()).put("cluster", target.host().cluster())
                .put("host", target.host().host()).put("port", target.port());
    }

    private static ArrayNode hosts(List<HostRef> hosts) {
        ArrayNode array = JsonOutput.MAPPER.createArrayNode();
        hosts.forEach(h -> array.addObject().put("cluster", h.cluster()).put("host", h.host()));
        return array;
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
                .put("taskId", s.taskId()).put("host", s.host()).put("revision", s.revision())
                .set("why", reason(s.why())));
        ArrayNode hosts = node.putArray("hosts");
        placement.hosts().forEach(h -> hosts.addObject()
                .put("host", h.host()).put("before", h.before()).put("after", h.after()));
        return node;
    }
}
