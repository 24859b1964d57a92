package dev.berth.schema.model;

import java.util.Map;

/** A whole stack: everything one {@code berth apply} converges. Maps are keyed by name. */
public record Stack(
        int version,
        String stack,
        Map<String, Variable> variables,
        Map<String, Cluster> clusters,
        Map<String, Namespace> namespaces,
        Map<String, TaskDefinition> taskDefinitions,
        Map<String, Service> services,
        Map<String, LoadBalancer> loadBalancers) {

    public Stack {
        variables = Immutable.map(variables);
        clusters = Immutable.map(clusters);
        namespaces = Immutable.map(namespaces);
        taskDefinitions = Immutable.map(taskDefinitions);
        services = Immutable.map(services);
        loadBalancers = Immutable.map(loadBalancers);
    }
}
