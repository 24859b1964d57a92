package dev.berth.schema.validation;

import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.ContainerDependency;
import dev.berth.schema.model.DeploymentConfiguration;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.MountPoint;
import dev.berth.schema.model.Namespace;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.PlacementConstraint;
import dev.berth.schema.model.PlacementStrategy;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.Secret;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.ServiceLoadBalancer;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.model.Volume;
import dev.berth.schema.model.VolumeFrom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compact builders for source-order stacks; everything not set stays null, as the loader leaves it. */
final class StackFixture {
    final Map<String, Cluster> clusters = new LinkedHashMap<>();
    final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    final Map<String, TaskDefinition> taskDefinitions = new LinkedHashMap<>();
    final Map<String, Service> services = new LinkedHashMap<>();
    final Map<String, LoadBalancer> loadBalancers = new LinkedHashMap<>();

    /** One cluster "main", task "web" with container "app", service "web" running it. */
    static StackFixture minimal() {
        StackFixture fixture = new StackFixture();
        fixture.clusters.put("main", new Cluster(List.of()));
        fixture.taskDefinitions.put("web", task().container(container("app")).build());
        fixture.services.put("web", service("main", "web").build());
        return fixture;
    }

    Stack build() {
        return new Stack(1, "shop", Map.of(), clusters, namespaces, taskDefinitions, services, loadBalancers);
    }

    static Cluster cluster(String... hosts) {
        return new Cluster(List.of(hosts).stream().map(h -> new Host(h, "tcp://" + h + ":2376", Map.of(), null, null, null)).toList());
    }

    static LoadBalancer loadBalancer(String cluster, String host, Integer... listenerPorts) {
        return new LoadBalancer(cluster, host, List.of(), List.of(listenerPorts).stream()
                .map(p -> new LoadBalancer.Listener(p, LoadBalancer.Listener.Protocol.http, null, null, null, List.of()))
                .toList(), null, null, null, null);
    }

    static PortMapping port(int containerPort, Integer hostPort) {
        return new PortMapping(containerPort, hostPort, null, null, null, null);
    }

    static TaskBuilder task() {
        return new TaskBuilder();
    }

    static ContainerBuilder container(String name) {
        return new ContainerBuilder(name);
    }

    static ServiceBuilder service(String cluster, String taskDefinition) {
        return new ServiceBuilder(cluster, taskDefinition);
    }

    static final class TaskBuilder {
        List<TaskDefinition.Compatibility> compatibilities = List.of();
        NetworkMode networkMode;
        Integer cpu;
        Integer memory;
        final List<ContainerDefinition> containers = new ArrayList<>();
        final List<Volume> volumes = new ArrayList<>();
        final List<PlacementConstraint> constraints = new ArrayList<>();

        TaskBuilder fargate() {
            compatibilities = List.of(TaskDefinition.Compatibility.FARGATE);
            return this;
        }

        TaskBuilder networkMode(NetworkMode mode) {
            networkMode = mode;
            return this;
        }

        TaskBuilder size(Integer cpu, Integer memory) {
            this.cpu = cpu;
            this.memory = memory;
            return this;
        }

        TaskBuilder container(ContainerBuilder container) {
            containers.add(container.build());
            return this;
        }

        TaskBuilder volume(String name, String hostPath) {
            volumes.add(new Volume(name, hostPath == null ? null : new Volume.HostVolume(hostPath), null));
            return this;
        }

        TaskBuilder constraint(PlacementConstraint.Type type, String expression) {
            constraints.add(new PlacementConstraint(type, expression));
            return this;
        }

        TaskDefinition build() {
            return new TaskDefinition(compatibilities, networkMode, cpu, memory, null, containers, volumes,
                    constraints, null, null);
        }
    }

    static final class ContainerBuilder {
        final String name;
        Boolean essential;
        Boolean privileged;
        Integer cpu;
        Integer memory;
        Integer memoryReservation;
        final List<KeyValuePair> environment = new ArrayList<>();
        final List<Secret> secrets = new ArrayList<>();
        final List<PortMapping> ports = new ArrayList<>();
        final List<MountPoint> mounts = new ArrayList<>();
        final List<VolumeFrom> volumesFrom = new ArrayList<>();
        final List<ContainerDependency> dependsOn = new ArrayList<>();

        ContainerBuilder(String name) {
            this.name = name;
        }

        ContainerBuilder essential(boolean value) {
            essential = value;
            return this;
        }

        ContainerBuilder privileged() {
            privileged = true;
            return this;
        }

        ContainerBuilder cpu(int units) {
            cpu = units;
            return this;
        }

        ContainerBuilder memory(Integer limit, Integer reservation) {
            memory = limit;
            memoryReservation = reservation;
            return this;
        }

        ContainerBuilder env(String... names) {
            for (String n : names) {
                environment.add(new KeyValuePair(n, "x"));
            }
            return this;
        }

        ContainerBuilder secret(String... names) {
            for (String n : names) {
                secrets.add(new Secret(n, "env:" + n));
            }
            return this;
        }

        ContainerBuilder port(int containerPort, Integer hostPort) {
            ports.add(StackFixture.port(containerPort, hostPort));
            return this;
        }

        ContainerBuilder mount(String volume) {
            mounts.add(new MountPoint(volume, "/data", null));
            return this;
        }

        ContainerBuilder volumesFrom(String container) {
            volumesFrom.add(new VolumeFrom(container, null));
            return this;
        }

        ContainerBuilder dependsOn(String... containers) {
            for (String c : containers) {
                dependsOn.add(new ContainerDependency(c, ContainerDependency.Condition.START));
            }
            return this;
        }

        ContainerDefinition build() {
            return new ContainerDefinition(name, "berth/busybox:1", essential, null, null, environment, secrets,
                    ports, cpu, memory, memoryReservation, null, mounts, volumesFrom, dependsOn, null, null, null,
                    null, null, null, null, null, privileged, null, null, null,
                    null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    static final class ServiceBuilder {
        final String cluster;
        final String taskDefinition;
        Integer desiredCount;
        String namespace;
        DeploymentConfiguration deployment;
        AutoScaling autoScaling;
        final List<PlacementStrategy> strategies = new ArrayList<>();
        final List<PlacementConstraint> constraints = new ArrayList<>();
        final List<ServiceLoadBalancer> loadBalancers = new ArrayList<>();

        ServiceBuilder(String cluster, String taskDefinition) {
            this.cluster = cluster;
            this.taskDefinition = taskDefinition;
        }

        ServiceBuilder desiredCount(int count) {
            desiredCount = count;
            return this;
        }

        ServiceBuilder namespace(String name) {
            namespace = name;
            return this;
        }

        ServiceBuilder deployment(Integer minimumHealthyPercent, Integer maximumPercent) {
            deployment = new DeploymentConfiguration(minimumHealthyPercent, maximumPercent, null);
            return this;
        }

        ServiceBuilder autoScaling(Integer min, Integer max, AutoScaling.ScheduledAction... scheduled) {
            autoScaling = new AutoScaling(min, max, List.of(), List.of(), List.of(scheduled));
            return this;
        }

        ServiceBuilder autoScaling(Integer min, Integer max, List<AutoScaling.TargetTracking> tracking,
                                   List<AutoScaling.StepScaling> steps) {
            autoScaling = new AutoScaling(min, max, tracking, steps, List.of());
            return this;
        }

        ServiceBuilder strategy(PlacementStrategy.Type type, String field) {
            strategies.add(new PlacementStrategy(type, field));
            return this;
        }

        ServiceBuilder constraint(PlacementConstraint.Type type, String expression) {
            constraints.add(new PlacementConstraint(type, expression));
            return this;
        }

        ServiceBuilder loadBalancer(String name, String container, int port) {
            loadBalancers.add(new ServiceLoadBalancer(name, container, port));
            return this;
        }

        Service build() {
            return new Service(cluster, taskDefinition, desiredCount, null, namespace, deployment, null, strategies,
                    constraints, loadBalancers, autoScaling, null, null);
        }
    }
}
