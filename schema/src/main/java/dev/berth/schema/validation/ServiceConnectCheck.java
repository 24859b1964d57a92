package dev.berth.schema.validation;

import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.Namespace;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.ServiceConnectConfiguration;
import dev.berth.schema.model.ServiceConnectConfiguration.ServiceConnectService;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.berth.schema.source.SourceMap.child;

/**
 * Service Connect has a namespace on the service's cluster, offers tcp ports the task definition
 * names, from tasks whose ports other hosts can reach (awsvpc ones publish none), under discovery
 * names no other service of the namespace uses. A service with ports that is in a namespace of a
 * cluster of several hosts without it answers by name only on its own hosts: a warning says so.
 */
final class ServiceConnectCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        Map<String, String> discoveryOwners = new HashMap<>();
        new TreeMap<>(stack.services()).forEach((name, service) -> {
            String at = StackPointers.service(name);
            ServiceConnectConfiguration connect = service.serviceConnectConfiguration();
            TaskDefinition task = service.taskDefinition() == null ? null
                    : stack.taskDefinitions().get(service.taskDefinitionFamily());
            if (connect == null || !Boolean.TRUE.equals(connect.enabled())) {
                warnIfHostBound(stack, name, service, task, at, positions, out);
                return;
            }
            checkEnabled(stack, name, service, task, connect, child(at, "serviceConnectConfiguration"),
                    discoveryOwners, positions, out);
        });
    }

    private static void warnIfHostBound(Stack stack, String name, Service service, TaskDefinition task, String at,
                                        SourceMap positions, Diagnostics out) {
        Cluster cluster = stack.clusters().get(service.cluster());
        boolean offersPorts = task != null && task.containerDefinitions().stream()
                .anyMatch(c -> !c.portMappings().isEmpty());
        if (offersPorts && service.namespace() != null && cluster != null && cluster.hosts().size() > 1
                && stack.namespaces().containsKey(service.namespace())) {
            out.warning(positions.value(child(at, "namespace")), "service \"" + name + "\" answers to \"" + name
                    + "\" in namespace \"" + service.namespace() + "\" only on the hosts its tasks run on; for the"
                    + " namespace's tasks on every host of cluster \"" + service.cluster() + "\", add"
                    + " serviceConnectConfiguration: {enabled: true, services: [{portName: ...}]}");
        }
    }

    private static void checkEnabled(Stack stack, String name, Service service, TaskDefinition task,
                                     ServiceConnectConfiguration connect, String at,
                                     Map<String, String> discoveryOwners, SourceMap positions, Diagnostics out) {
        String owner = "service \"" + name + "\"";
        String namespace = connect.namespace() != null ? connect.namespace() : service.namespace();
        if (namespace == null) {
            out.error(positions.value(child(at, "enabled")), owner + " enables Service Connect without a namespace;"
                    + " set its namespace or serviceConnectConfiguration.namespace");
            return;
        }
        if (connect.namespace() != null) {
            String pointer = child(at, "namespace");
            Namespace declared = stack.namespaces().get(connect.namespace());
            if (!References.resolve(owner, "namespace", connect.namespace(), stack.namespaces().keySet(), "",
                    positions.value(pointer), out)) {
                return;
            }
            ServiceReferenceCheck.requireSameCluster(owner, service.cluster(), "namespace", connect.namespace(),
                    declared.cluster(), pointer, positions, out);
        }
        if (connect.services().isEmpty()) {
            out.error(positions.value(child(at, "enabled")), owner + " enables Service Connect but offers no port;"
                    + " add services: [{portName: <a named port mapping>}]");
        }
        if (task != null && task.networkMode() == NetworkMode.awsvpc) {
            out.error(positions.value(child(at, "enabled")), owner + " enables Service Connect, but its awsvpc tasks"
                    + " publish no port on their hosts, so no other host can reach them; use networkMode bridge");
        }
        List<ServiceConnectService> offered = connect.services();
        for (int i = 0; i < offered.size(); i++) {
            ServiceConnectService port = offered.get(i);
            String pointer = child(at, "services", i);
            if (task != null && port.portName() != null && !task.namedPort(port.portName())
                    .map(p -> p.getValue().protocol() == null || p.getValue().protocol() == PortMapping.Protocol.tcp)
                    .orElse(false)) {
                out.error(positions.value(child(pointer, "portName")), owner + " offers port \"" + port.portName()
                        + "\", but task definition \"" + service.taskDefinitionFamily() + "\" names no tcp port"
                        + " mapping so; name one with portMappings: [{containerPort: ..., name: " + port.portName()
                        + "}]");
            }
            String discovery = port.discoveryName() != null ? port.discoveryName() : port.portName();
            String key = discovery + "." + namespace;
            String previous = discoveryOwners.putIfAbsent(key, name);
            if (previous != null) {
                out.error(positions.value(child(pointer, port.discoveryName() != null ? "discoveryName" : "portName")),
                        owner + " offers \"" + key + "\", which service \"" + previous + "\" offers already; give"
                                + " one of them another discoveryName");
            }
        }
    }
}
