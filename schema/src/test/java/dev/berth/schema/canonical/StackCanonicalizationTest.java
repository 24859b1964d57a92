package dev.berth.schema.canonical;

import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.AutoScaling.ScheduledAction;
import dev.berth.schema.model.AutoScaling.StepScaling;
import dev.berth.schema.model.AutoScaling.StepScaling.StepAdjustment;
import dev.berth.schema.model.AutoScaling.TargetTracking;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.DeploymentConfiguration;
import dev.berth.schema.model.DeploymentConfiguration.DeploymentCircuitBreaker;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.PlacementStrategy;
import dev.berth.schema.model.Resources;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.ServiceLoadBalancer;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.model.Variable;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.berth.schema.canonical.Fixtures.container;
import static dev.berth.schema.canonical.Fixtures.service;
import static dev.berth.schema.canonical.Fixtures.stack;
import static dev.berth.schema.canonical.Fixtures.task;
import static dev.berth.schema.model.PlacementStrategy.Type.binpack;
import static dev.berth.schema.model.PlacementStrategy.Type.random;
import static dev.berth.schema.model.PlacementStrategy.Type.spread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StackCanonicalizationTest {

    private static final TaskDefinition WEB = task(null, container("app", "nginx"));

    @Test
    void mapsAreOrderedByKey() {
        Map<String, TaskDefinition> tasks = new LinkedHashMap<>();
        tasks.put("worker", WEB);
        tasks.put("api", WEB);

        Stack canonical = Canonicalizer.canonicalize(stack(tasks, Map.of()));

        assertEquals(List.of("api", "worker"), List.copyOf(canonical.taskDefinitions().keySet()));
    }

    @Test
    void serviceDefaultsAreFilled() {
        Service canonical = canonicalService(WEB, service("web:3"));

        assertEquals(1, canonical.desiredCount());
        assertEquals(TaskDefinition.Compatibility.EC2, canonical.launchType());
        assertEquals(new DeploymentConfiguration(100, 200, new DeploymentCircuitBreaker(false, false)),
                canonical.deploymentConfiguration());
        assertEquals(0, canonical.healthCheckGracePeriodSeconds());
        assertNull(canonical.namespace());
    }

    @Test
    void partlyDeclaredDeploymentConfigurationIsCompleted() {
        Service declared = withDeployment(new DeploymentConfiguration(50, null, new DeploymentCircuitBreaker(true, null)));

        assertEquals(new DeploymentConfiguration(50, 200, new DeploymentCircuitBreaker(true, false)),
                canonicalService(WEB, declared).deploymentConfiguration());
    }

    @Test
    void launchTypeFollowsTheTaskDefinitionCompatibilities() {
        TaskDefinition fargateOnly = new TaskDefinition(List.of(TaskDefinition.Compatibility.FARGATE), null, null, null,
                null, List.of(), List.of(), List.of(), null, null);

        assertEquals(TaskDefinition.Compatibility.FARGATE, canonicalService(fargateOnly, service("web")).launchType());
        assertNull(canonicalService(WEB, service("unknown")).launchType());
    }

    @Test
    void placementStrategyKeepsOrderAndNormalizesFields() {
        Service declared = withStrategies(List.of(new PlacementStrategy(spread, "host"),
                new PlacementStrategy(binpack, "CPU"), new PlacementStrategy(random, "ignored")));

        assertEquals(List.of(new PlacementStrategy(spread, "instanceId"), new PlacementStrategy(binpack, "cpu"),
                new PlacementStrategy(random, null)), canonicalService(WEB, declared).placementStrategy());
    }

    @Test
    void serviceLoadBalancersAndScalingRulesAreSortedWithDefaults() {
        Service declared = new Service("main", "web", 2, null, null, null, null, List.of(), List.of(),
                List.of(new ServiceLoadBalancer("public", "app", 8080), new ServiceLoadBalancer("internal", "app", 80)),
                new AutoScaling(1, 4,
                        List.of(new TargetTracking(AutoScaling.Metric.memory, 70.0, null, 60, null),
                                new TargetTracking(AutoScaling.Metric.cpu, 50.0, null, null, null)),
                        List.of(new StepScaling("high", AutoScaling.Metric.cpu,
                                StepScaling.Comparison.GreaterThanThreshold, 80.0, 60, 3, null,
                                StepScaling.AdjustmentType.ChangeInCapacity, List.of(
                                new StepAdjustment(10.0, null, 2), new StepAdjustment(0.0, 10.0, 1)), null, null)),
                        List.of(new ScheduledAction("night", "cron(0 22 * * ? *)", null, 1, 1),
                                new ScheduledAction("day", "cron(0 6 * * ? *)", "Europe/Paris", 2, 4))), null, null);

        Service canonical = canonicalService(WEB, declared);

        assertEquals("internal", canonical.loadBalancers().getFirst().loadBalancerName());
        assertEquals(List.of(new TargetTracking(AutoScaling.Metric.cpu, 50.0, 300, 300, false),
                new TargetTracking(AutoScaling.Metric.memory, 70.0, 300, 60, false)),
                canonical.autoScaling().targetTracking());
        assertEquals(List.of("day", "night"), canonical.autoScaling().scheduled().stream().map(ScheduledAction::name).toList());
        assertEquals("UTC", canonical.autoScaling().scheduled().getLast().timezone());
        StepScaling step = canonical.autoScaling().stepScaling().getFirst();
        assertEquals(List.of(0.0, 10.0), step.stepAdjustments().stream().map(StepAdjustment::metricIntervalLowerBound)
                .toList(), "steps from the threshold outwards");
        assertEquals(300, step.cooldown());
        assertEquals(3, step.datapointsToAlarm(), "every period judged must breach, as CloudWatch's default");
    }

    @Test
    void loadBalancerDefaultsFollowAwsTargetGroups() {
        LoadBalancer declared = new LoadBalancer("main", null, List.of(),
                List.of(listener(443, LoadBalancer.Listener.Protocol.tcp, null, List.of()), listener(80, null, null, List.of())),
                new LoadBalancer.TargetHealthCheck("/health", null, null, null, null, null), null, null, null);

        LoadBalancer canonical = canonicalStack(Map.of(), Map.of(), Map.of("public", declared)).loadBalancers().get("public");

        LoadBalancer.Action nobody = new LoadBalancer.Action(LoadBalancer.Action.Type.fixed_response, null, 503);
        assertEquals(new LoadBalancer("main", null, List.of(),
                List.of(listener(80, LoadBalancer.Listener.Protocol.http, nobody, List.of()),
                        listener(443, LoadBalancer.Listener.Protocol.tcp, nobody, List.of())),
                new LoadBalancer.TargetHealthCheck("/health", 30, 5, 5, 2, "200"), 300,
                LoadBalancer.Algorithm.round_robin, 0), canonical);
    }

    @Test
    void aListenerWithoutDefaultActionForwardsToTheOneRegisteredServiceAndRulesGoByPriority() {
        LoadBalancer.Action api = new LoadBalancer.Action(LoadBalancer.Action.Type.forward, "api", null);
        LoadBalancer.Rule late = new LoadBalancer.Rule(20, List.of(new LoadBalancer.Condition(
                LoadBalancer.Condition.Field.path_pattern, List.of("/v2/*", "/v1/*"))), api);
        LoadBalancer.Rule early = new LoadBalancer.Rule(10, List.of(new LoadBalancer.Condition(
                LoadBalancer.Condition.Field.host_header, List.of("api.example.com"))), api);
        LoadBalancer declared = new LoadBalancer("main", "h2", List.of(),
                List.of(listener(80, null, null, List.of(late, early))), null, null, null, null);
        Service web = new Service("main", "web", 1, null, null, null, null, List.of(), List.of(),
                List.of(new ServiceLoadBalancer("public", "app", 8080)), null, null, null);

        LoadBalancer canonical = canonicalStack(Map.of(), Map.of(), Map.of("public", declared), Map.of("web", web))
                .loadBalancers().get("public");

        assertEquals(List.of("h2"), canonical.hosts());
        LoadBalancer.Listener listener = canonical.listeners().getFirst();
        assertEquals(new LoadBalancer.Action(LoadBalancer.Action.Type.forward, "web", null), listener.defaultAction());
        assertEquals(List.of(10, 20), listener.rules().stream().map(LoadBalancer.Rule::priority).toList());
        assertEquals(List.of("/v1/*", "/v2/*"), listener.rules().getLast().conditions().getFirst().values());
    }

    private static LoadBalancer.Listener listener(int port, LoadBalancer.Listener.Protocol protocol,
                                                  LoadBalancer.Action action, List<LoadBalancer.Rule> rules) {
        return new LoadBalancer.Listener(port, protocol, null, null, action, rules);
    }

    @Test
    void hostsKeepTheirOrderAndGetReservedDefaults() {
        Cluster declared = new Cluster(List.of(new Host("b", "tcp://b:2376", Map.of(), null, null, null),
                new Host("a", "tcp://a:2376", Map.of(), new Resources(256, null), null, null)));

        Cluster canonical = canonicalStack(Map.of("main", declared), Map.of(), Map.of()).clusters().get("main");

        assertEquals(List.of(new Resources(0, 0), new Resources(256, 0)),
                canonical.hosts().stream().map(Host::reserved).toList());
        assertEquals("b", canonical.hosts().getFirst().name());
        assertEquals(new Cluster(List.of()), canonicalStack(Map.of("empty", new Cluster(List.of())), Map.of(), Map.of())
                .clusters().get("empty"));
    }

    @Test
    void variablesAreNotRequiredByDefault() {
        Variable canonical = canonicalStack(Map.of(), Map.of("TAG", new Variable("1.0", null, null)), Map.of())
                .variables().get("TAG");

        assertEquals(false, canonical.required());
    }

    @Test
    void canonicalizationOfAWholeStackIsIdempotent() {
        Stack once = Canonicalizer.canonicalize(new Stack(1, "shop", Map.of("TAG", new Variable(null, true, null)),
                Map.of("main", new Cluster(List.of(new Host("a", "unix:///var/run/docker.sock", Map.of("zone", "a"), null, null, null)))),
                Map.of(), Map.of("web", WEB),
                Map.of("web", withStrategies(List.of(new PlacementStrategy(spread, "host")))),
                Map.of("public", new LoadBalancer("main", null, List.of(), List.of(listener(80, null, null, List.of())), null, null,
                        null, null))));

        assertEquals(once, Canonicalizer.canonicalize(once));
    }

    private static Service withDeployment(DeploymentConfiguration deployment) {
        return new Service("main", "web", null, null, null, deployment, null, List.of(), List.of(), List.of(), null, null, null);
    }

    private static Service withStrategies(List<PlacementStrategy> strategies) {
        return new Service("main", "web", null, null, null, null, null, strategies, List.of(), List.of(), null, null, null);
    }

    private static Service canonicalService(TaskDefinition task, Service service) {
        return Canonicalizer.canonicalize(stack(Map.of("web", task), Map.of("svc", service))).services().get("svc");
    }

    private static Stack canonicalStack(Map<String, Cluster> clusters, Map<String, Variable> variables,
                                        Map<String, LoadBalancer> loadBalancers) {
        return canonicalStack(clusters, variables, loadBalancers, Map.of());
    }

    private static Stack canonicalStack(Map<String, Cluster> clusters, Map<String, Variable> variables,
                                        Map<String, LoadBalancer> loadBalancers, Map<String, Service> services) {
        return Canonicalizer.canonicalize(new Stack(1, "shop", variables, clusters, Map.of(), Map.of(), services,
                loadBalancers));
    }
}
