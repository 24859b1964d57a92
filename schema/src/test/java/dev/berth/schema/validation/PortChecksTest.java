package dev.berth.schema.validation;

import dev.berth.schema.model.NetworkMode;
import org.junit.jupiter.api.Test;

import static dev.berth.schema.validation.Findings.assertExactly;
import static dev.berth.schema.validation.StackFixture.cluster;
import static dev.berth.schema.validation.StackFixture.container;
import static dev.berth.schema.validation.StackFixture.service;
import static dev.berth.schema.validation.StackFixture.task;

class PortChecksTest {

    private static StackFixture withTask(StackFixture.TaskBuilder task) {
        StackFixture stack = StackFixture.minimal();
        stack.taskDefinitions.put("web", task.build());
        return stack;
    }

    @Test
    void noneModeTakesNoPortMappings() {
        StackFixture stack = withTask(task().networkMode(NetworkMode.none).container(container("app").port(80, null)));
        assertExactly(Findings.of(new PortMappingCheck(), stack.build()),
                "key /taskDefinitions/web/containerDefinitions/0/portMappings :: uses networkMode none");
    }

    @Test
    void awsvpcHostPortMustEqualContainerPortAndPortsAreShared() {
        StackFixture stack = withTask(task().networkMode(NetworkMode.awsvpc)
                .container(container("app").port(80, 8080).port(9090, 9090))
                .container(container("side").port(80, null)));
        assertExactly(Findings.of(new PortMappingCheck(), stack.build()),
                "/taskDefinitions/web/containerDefinitions/0/portMappings/0/hostPort :: hostPort must equal "
                        + "containerPort 80 or be omitted; it is 8080",
                "/taskDefinitions/web/containerDefinitions/1/portMappings/0/containerPort :: port 80/tcp is bound "
                        + "twice in task definition \"web\"");
    }

    @Test
    void bridgeCollidesOnlyOnFixedHostPorts() {
        StackFixture stack = withTask(task()
                .container(container("app").port(80, 0).port(81, 8080))
                .container(container("side").port(80, 0).port(82, 8080)));
        assertExactly(Findings.of(new PortMappingCheck(), stack.build()),
                "/taskDefinitions/web/containerDefinitions/1/portMappings/1/hostPort :: port 8080/tcp is bound twice "
                        + "in task definition \"web\" (first at line");
    }

    @Test
    void hostModeServiceNeedsAHostPerConcurrentTask() {
        StackFixture stack = withTask(task().networkMode(NetworkMode.host).container(container("app").port(8080, null)));
        stack.services.put("web", service("main", "web").desiredCount(3).build());
        assertExactly(Findings.of(new HostPortCapacityCheck(), stack.build()),
                "key /services/web :: service \"web\": networkMode host binds host port 8080 on every task, so at "
                        + "most one task fits per host, but up to 6 tasks run at once (desiredCount 3, maximumPercent "
                        + "200 by default) on 1 host; lower desiredCount to 1, use networkMode bridge with hostPort 0, "
                        + "or add hosts");
    }

    @Test
    void rollingSurplusCountsAndAutoScalingMaxCapacityWins() {
        StackFixture stack = withTask(task().container(container("app").port(80, 8080)));
        stack.clusters.put("main", cluster("h1", "h2", "h3"));
        stack.services.put("web", service("main", "web").desiredCount(2).build());
        assertExactly(Findings.of(new HostPortCapacityCheck(), stack.build()),
                "key /services/web :: a fixed bridge hostPort binds host port 8080 on every task, so at most one "
                        + "task fits per host, but up to 4 tasks run at once (desiredCount 2, maximumPercent 200 by "
                        + "default) on 3 hosts; lower maximumPercent to 150");
        stack.services.put("web", service("main", "web").desiredCount(2).deployment(50, 100).build());
        assertExactly(Findings.of(new HostPortCapacityCheck(), stack.build()));
        stack.services.put("web", service("main", "web").desiredCount(2).deployment(50, 100).autoScaling(1, 4).build());
        assertExactly(Findings.of(new HostPortCapacityCheck(), stack.build()),
                "key /services/web :: up to 4 tasks run at once (autoScaling maxCapacity 4, maximumPercent 100)");
    }

    @Test
    void dynamicPortsAndAwsvpcNeverCollide() {
        StackFixture stack = withTask(task().container(container("app").port(80, 0)));
        stack.services.put("web", service("main", "web").desiredCount(5).build());
        assertExactly(Findings.of(new HostPortCapacityCheck(), stack.build()));
        stack = withTask(task().networkMode(NetworkMode.awsvpc).container(container("app").port(80, null)));
        stack.services.put("web", service("main", "web").desiredCount(5).build());
        assertExactly(Findings.of(new HostPortCapacityCheck(), stack.build()));
    }

    @Test
    void twoServicesOnOneHostCannotBindTheSamePort() {
        StackFixture stack = withTask(task().container(container("app").port(80, 8080)));
        stack.services.put("web", service("main", "web").deployment(0, 100).build());
        stack.services.put("api", service("main", "web").deployment(0, 100).build());
        assertExactly(Findings.of(new HostPortCapacityCheck(), stack.build()),
                "key /services/api :: services \"web\" and \"api\" both bind host port 8080/tcp, but cluster "
                        + "\"main\" has only one host");
    }
}
