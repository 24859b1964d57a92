package dev.berth.schema.model;

import java.util.List;

/**
 * A service keeps {@code desiredCount} tasks of a task definition running.
 *
 * @param taskDefinition              {@code family} (latest revision) or {@code family:N} (pinned)
 * @param serviceConnectConfiguration discovery across the cluster's hosts through a proxy on each
 * @param dependsOn                   services of the stack whose deployment must end before this one's
 *                                    starts (a berth extension: ECS has no service order)
 */
public record Service(
        String cluster,
        String taskDefinition,
        Integer desiredCount,
        TaskDefinition.Compatibility launchType,
        String namespace,
        DeploymentConfiguration deploymentConfiguration,
        Integer healthCheckGracePeriodSeconds,
        List<PlacementStrategy> placementStrategy,
        List<PlacementConstraint> placementConstraints,
        List<ServiceLoadBalancer> loadBalancers,
        AutoScaling autoScaling,
        ServiceConnectConfiguration serviceConnectConfiguration,
        List<String> dependsOn) {

    public Service {
        placementStrategy = Immutable.list(placementStrategy);
        placementConstraints = Immutable.list(placementConstraints);
        loadBalancers = Immutable.list(loadBalancers);
        dependsOn = Immutable.list(dependsOn);
    }

    /** The same service with another desiredCount (the one auto scaling set). */
    public Service withDesiredCount(int count) {
        return new Service(cluster, taskDefinition, count, launchType, namespace, deploymentConfiguration,
                healthCheckGracePeriodSeconds, placementStrategy, placementConstraints, loadBalancers, autoScaling,
                serviceConnectConfiguration, dependsOn);
    }

    /** The family part of {@link #taskDefinition()}. */
    public String taskDefinitionFamily() {
        int colon = taskDefinition.indexOf(':');
        return colon < 0 ? taskDefinition : taskDefinition.substring(0, colon);
    }

    /** The pinned revision, or null for the latest. */
    public Integer pinnedRevision() {
        int colon = taskDefinition.indexOf(':');
        return colon < 0 ? null : Integer.valueOf(taskDefinition.substring(colon + 1));
    }
}
