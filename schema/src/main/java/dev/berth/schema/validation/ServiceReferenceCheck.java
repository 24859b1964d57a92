package dev.berth.schema.validation;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.Namespace;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.ServiceLoadBalancer;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.berth.schema.source.SourceMap.child;

/**
 * A service's cluster, task definition, namespace and load balancers exist; the namespace and load
 * balancers belong to the service's own cluster (a Docker network and a proxy cannot span
 * clusters); each load balancer target is a declared container port of the task.
 */
final class ServiceReferenceCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.services().forEach((name, service) -> checkService(stack, name, service, positions, out));
    }

    private static void checkService(Stack stack, String name, Service service, SourceMap positions, Diagnostics out) {
        String at = StackPointers.service(name);
        String owner = "service \"" + name + "\"";
        boolean clusterResolves = References.resolve(owner, "cluster", service.cluster(), stack.clusters().keySet(),
                "", positions.value(child(at, "cluster")), out);
        TaskDefinition task = References.resolve(owner, "task definition", service.taskDefinitionFamily(),
                stack.taskDefinitions().keySet(), "", positions.value(child(at, "taskDefinition")), out)
                ? stack.taskDefinitions().get(service.taskDefinitionFamily()) : null;

        if (service.namespace() != null) {
            String pointer = child(at, "namespace");
            if (References.resolve(owner, "namespace", service.namespace(), stack.namespaces().keySet(), "",
                    positions.value(pointer), out) && clusterResolves) {
                Namespace namespace = stack.namespaces().get(service.namespace());
                requireSameCluster(owner, service.cluster(), "namespace", service.namespace(), namespace.cluster(),
                        pointer, positions, out);
            }
        }
        List<ServiceLoadBalancer> targets = service.loadBalancers();
        for (int i = 0; i < targets.size(); i++) {
            ServiceLoadBalancer target = targets.get(i);
            String pointer = child(at, "loadBalancers", i);
            if (References.resolve(owner, "load balancer", target.loadBalancerName(), stack.loadBalancers().keySet(),
                    "", positions.value(child(pointer, "loadBalancerName")), out) && clusterResolves) {
                LoadBalancer balancer = stack.loadBalancers().get(target.loadBalancerName());
                requireSameCluster(owner, service.cluster(), "load balancer", target.loadBalancerName(),
                        balancer.cluster(), child(pointer, "loadBalancerName"), positions, out);
            }
            if (task != null) {
                checkTarget(owner, service.taskDefinitionFamily(), task, target, pointer, positions, out);
            }
        }
    }

    static void requireSameCluster(String owner, String cluster, String kind, String name,
                                           String itsCluster, String pointer, SourceMap positions, Diagnostics out) {
        if (!Objects.equals(cluster, itsCluster)) {
            out.error(positions.value(pointer), owner + " runs in cluster \"" + cluster + "\", but " + kind + " \""
                    + name + "\" belongs to cluster \"" + itsCluster + "\"; use a " + kind + " of cluster \""
                    + cluster + "\"");
        }
    }

    private static void checkTarget(String owner, String family, TaskDefinition task, ServiceLoadBalancer target,
                                    String pointer, SourceMap positions, Diagnostics out) {
        Map<String, ContainerDefinition> containers = ContainersByName.of(task);
        if (!References.resolve(owner, "container", target.containerName(), containers.keySet(),
                " in task definition \"" + family + "\"", positions.value(child(pointer, "containerName")), out)) {
            return;
        }
        List<Integer> ports = containers.get(target.containerName()).portMappings().stream()
                .map(PortMapping::containerPort).toList();
        if (!ports.contains(target.containerPort())) {
            String known = ports.isEmpty() ? "it has no portMappings; add one"
                    : "its containerPorts: " + String.join(", ", ports.stream().map(String::valueOf).toList());
            out.error(positions.value(child(pointer, "containerPort")), owner + " registers port "
                    + target.containerPort() + " of container \"" + target.containerName()
                    + "\" with load balancer \"" + target.loadBalancerName()
                    + "\", but the container has no portMapping with containerPort " + target.containerPort()
                    + "; " + known);
        }
    }
}
