package dev.berth.schema.canonical;

import dev.berth.schema.model.DeploymentConfiguration;
import dev.berth.schema.model.DeploymentConfiguration.DeploymentCircuitBreaker;
import dev.berth.schema.model.PlacementStrategy;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.ServiceConnectConfiguration;
import dev.berth.schema.model.ServiceConnectConfiguration.ClientAlias;
import dev.berth.schema.model.ServiceConnectConfiguration.ServiceConnectService;
import dev.berth.schema.model.ServiceLoadBalancer;
import dev.berth.schema.model.TaskDefinition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNullElse;

/** Canonical services. The launch type default depends on the task definition, hence the canonical families. */
final class ServiceCanonicalizer {

    /** ECS treats {@code host} and {@code instanceId} as the same spread field. */
    private static final String SPREAD_BY_HOST = "host";
    private static final String SPREAD_BY_INSTANCE = "instanceId";

    private static final Comparator<ServiceLoadBalancer> LOAD_BALANCER_ORDER =
            Sorted.<ServiceLoadBalancer, String>by(ServiceLoadBalancer::loadBalancerName)
                    .thenComparing(Sorted.by(ServiceLoadBalancer::containerName))
                    .thenComparing(Sorted.by(ServiceLoadBalancer::containerPort));

    private static final Comparator<ClientAlias> CLIENT_ALIAS_ORDER =
            Sorted.<ClientAlias, String>by(ClientAlias::dnsName).thenComparing(Sorted.by(ClientAlias::port));

    private static final DeploymentConfiguration UNSET_DEPLOYMENT = new DeploymentConfiguration(null, null, null);
    private static final DeploymentCircuitBreaker UNSET_BREAKER = new DeploymentCircuitBreaker(null, null);

    private final Map<String, TaskDefinition> canonicalTaskDefinitions;

    ServiceCanonicalizer(Map<String, TaskDefinition> canonicalTaskDefinitions) {
        this.canonicalTaskDefinitions = canonicalTaskDefinitions;
    }

    Service canonicalize(Service service) {
        return new Service(
                service.cluster(),
                service.taskDefinition(),
                requireNonNullElse(service.desiredCount(), Defaults.DESIRED_COUNT),
                service.launchType() != null ? service.launchType() : defaultLaunchType(service),
                service.namespace(),
                canonicalize(service.deploymentConfiguration()),
                requireNonNullElse(service.healthCheckGracePeriodSeconds(), Defaults.HEALTH_CHECK_GRACE_PERIOD_SECONDS),
                // ECS applies strategies in order, so the order is kept.
                service.placementStrategy().stream().map(ServiceCanonicalizer::canonicalize).toList(),
                PlacementConstraints.canonicalize(service.placementConstraints()),
                Sorted.list(service.loadBalancers(), LOAD_BALANCER_ORDER),
                AutoScalingCanonicalizer.canonicalize(service.autoScaling()),
                canonicalize(service.serviceConnectConfiguration(), service),
                // An order among services, not of the list: it names the services to wait for.
                Sorted.list(service.dependsOn(), Comparator.naturalOrder()));
    }

    /**
     * The namespace defaults to the service's, a discovery name to its port name, and no client
     * alias to one: the discovery name on the port mapping's container port.
     */
    private ServiceConnectConfiguration canonicalize(ServiceConnectConfiguration connect, Service service) {
        if (connect == null) {
            return null;
        }
        TaskDefinition task = service.taskDefinition() == null ? null
                : canonicalTaskDefinitions.get(service.taskDefinitionFamily());
        List<ServiceConnectService> services = new ArrayList<>();
        for (ServiceConnectService offered : connect.services()) {
            String discoveryName = requireNonNullElse(offered.discoveryName(), offered.portName());
            List<ClientAlias> aliases = offered.clientAliases().stream()
                    .map(a -> new ClientAlias(a.port(), requireNonNullElse(a.dnsName(), discoveryName))).toList();
            Integer port = task == null ? null : task.namedPort(offered.portName())
                    .map(p -> p.getValue().containerPort()).orElse(null);
            if (aliases.isEmpty() && port != null) {
                aliases = List.of(new ClientAlias(port, discoveryName));
            }
            services.add(new ServiceConnectService(offered.portName(), discoveryName,
                    Sorted.list(aliases, CLIENT_ALIAS_ORDER)));
        }
        return new ServiceConnectConfiguration(connect.enabled(),
                connect.namespace() != null ? connect.namespace() : service.namespace(),
                Sorted.list(services, Sorted.by(ServiceConnectService::discoveryName)));
    }

    /** Null when the family is unknown: validation reports that, the canonical form need not guess. */
    private TaskDefinition.Compatibility defaultLaunchType(Service service) {
        TaskDefinition task = service.taskDefinition() == null
                ? null
                : canonicalTaskDefinitions.get(service.taskDefinitionFamily());
        if (task == null) {
            return null;
        }
        List<TaskDefinition.Compatibility> compatibilities = task.requiresCompatibilities();
        return compatibilities.contains(Defaults.LAUNCH_TYPE) ? Defaults.LAUNCH_TYPE : compatibilities.getFirst();
    }

    private static DeploymentConfiguration canonicalize(DeploymentConfiguration deployment) {
        DeploymentConfiguration declared = requireNonNullElse(deployment, UNSET_DEPLOYMENT);
        DeploymentCircuitBreaker breaker = requireNonNullElse(declared.deploymentCircuitBreaker(), UNSET_BREAKER);
        return new DeploymentConfiguration(
                requireNonNullElse(declared.minimumHealthyPercent(), Defaults.MINIMUM_HEALTHY_PERCENT),
                requireNonNullElse(declared.maximumPercent(), Defaults.MAXIMUM_PERCENT),
                new DeploymentCircuitBreaker(
                        requireNonNullElse(breaker.enable(), Defaults.CIRCUIT_BREAKER_ENABLE),
                        requireNonNullElse(breaker.rollback(), Defaults.CIRCUIT_BREAKER_ROLLBACK)));
    }

    private static PlacementStrategy canonicalize(PlacementStrategy strategy) {
        if (strategy.type() == null) {
            return strategy;
        }
        String field = switch (strategy.type()) {
            case binpack -> strategy.field() == null ? null : strategy.field().toLowerCase(Locale.ROOT);
            case spread -> SPREAD_BY_HOST.equals(strategy.field()) ? SPREAD_BY_INSTANCE : strategy.field();
            case random -> null;
        };
        return new PlacementStrategy(strategy.type(), field);
    }
}
