package dev.berth.schema.validation;

import dev.berth.schema.model.Namespace;
import org.junit.jupiter.api.Test;

import static dev.berth.schema.validation.Findings.assertExactly;
import static dev.berth.schema.validation.StackFixture.cluster;
import static dev.berth.schema.validation.StackFixture.container;
import static dev.berth.schema.validation.StackFixture.loadBalancer;
import static dev.berth.schema.validation.StackFixture.service;
import static dev.berth.schema.validation.StackFixture.task;

class ReferenceChecksTest {

    @Test
    void minimalStackHasNoFindingsFromAnyCheck() {
        assertExactly(Findings.ofAllChecks(StackFixture.minimal().build()));
    }

    @Test
    void serviceReferencesNameWhatExistsAndSuggest() {
        StackFixture stack = StackFixture.minimal();
        stack.services.put("web", service("mian", "wbe:3").namespace("internal").loadBalancer("edge", "app", 80).build());
        assertExactly(Findings.of(new ServiceReferenceCheck(), stack.build()),
                "/services/web/cluster :: service \"web\" references cluster \"mian\", which is not declared; "
                        + "declared clusters: main. Did you mean \"main\"?",
                "/services/web/taskDefinition :: references task definition \"wbe\", which is not declared; "
                        + "declared task definitions: web. Did you mean \"web\"?",
                "/services/web/namespace :: namespace \"internal\", which is not declared; no namespaces are declared",
                "/services/web/loadBalancers/0/loadBalancerName :: load balancer \"edge\"");
    }

    @Test
    void namespaceAndLoadBalancerMustBeInTheServicesCluster() {
        StackFixture stack = StackFixture.minimal();
        stack.clusters.put("other", cluster());
        stack.namespaces.put("internal", new Namespace("other", null));
        stack.loadBalancers.put("edge", loadBalancer("other", null, 80));
        stack.taskDefinitions.put("web", task().container(container("app").port(80, null)).build());
        stack.services.put("web", service("main", "web").namespace("internal").loadBalancer("edge", "app", 80).build());
        assertExactly(Findings.of(new ServiceReferenceCheck(), stack.build()),
                "/services/web/namespace :: service \"web\" runs in cluster \"main\", but namespace \"internal\" "
                        + "belongs to cluster \"other\"",
                "/services/web/loadBalancers/0/loadBalancerName :: but load balancer \"edge\" belongs to cluster \"other\"");
    }

    @Test
    void loadBalancerTargetMustBeADeclaredContainerPort() {
        StackFixture stack = StackFixture.minimal();
        stack.loadBalancers.put("edge", loadBalancer("main", null, 80));
        stack.taskDefinitions.put("web", task().container(container("app").port(80, null)).build());
        stack.services.put("web", service("main", "web").loadBalancer("edge", "ap", 80)
                .loadBalancer("edge", "app", 8080).build());
        assertExactly(Findings.of(new ServiceReferenceCheck(), stack.build()),
                "/services/web/loadBalancers/0/containerName :: container \"ap\", which is not declared in task "
                        + "definition \"web\"; declared containers in task definition \"web\": app. Did you mean \"app\"?",
                "/services/web/loadBalancers/1/containerPort :: no portMapping with containerPort 8080; its containerPorts: 80");
    }

    @Test
    void namespacesAndLoadBalancersNameClustersAndHosts() {
        StackFixture stack = StackFixture.minimal();
        stack.clusters.put("main", cluster("h1", "h2"));
        stack.namespaces.put("internal", new Namespace("mains", null));
        stack.loadBalancers.put("edge", loadBalancer("main", "h3", 80));
        stack.loadBalancers.put("lost", loadBalancer("nowhere", "h1", 80));
        assertExactly(Findings.of(new ClusterMemberReferenceCheck(), stack.build()),
                "/namespaces/internal/cluster :: namespace \"internal\" references cluster \"mains\"",
                "/loadBalancers/edge/host :: host \"h3\", which is not declared in cluster \"main\"; declared hosts "
                        + "in cluster \"main\": h1, h2. Did you mean \"h1\"?",
                "/loadBalancers/lost/cluster :: cluster \"nowhere\"");
    }

    @Test
    void loadBalancerHostIsFreeWhenTheClusterDeclaresNoHosts() {
        StackFixture stack = StackFixture.minimal();
        stack.loadBalancers.put("edge", loadBalancer("main", "anything", 80));
        assertExactly(Findings.of(new ClusterMemberReferenceCheck(), stack.build()));
    }

    @Test
    void containerReferencesStayInsideTheTask() {
        StackFixture stack = StackFixture.minimal();
        stack.taskDefinitions.put("web", task().volume("data", null)
                .container(container("app").dependsOn("app", "dbb").mount("date").volumesFrom("app"))
                .container(container("db").volumesFrom("cache")).build());
        assertExactly(Findings.of(new ContainerReferenceCheck(), stack.build()),
                "/taskDefinitions/web/containerDefinitions/0/dependsOn/0/containerName :: container \"app\" names "
                        + "itself in dependsOn",
                "/taskDefinitions/web/containerDefinitions/0/dependsOn/1/containerName :: container \"dbb\", which is "
                        + "not declared in task definition \"web\"; declared containers in task definition \"web\": "
                        + "app, db. Did you mean \"db\"?",
                "/taskDefinitions/web/containerDefinitions/0/mountPoints/0/sourceVolume :: volume \"date\"",
                "/taskDefinitions/web/containerDefinitions/0/volumesFrom/0/sourceContainer :: names itself in volumesFrom",
                "/taskDefinitions/web/containerDefinitions/1/volumesFrom/0/sourceContainer :: container \"cache\"");
    }

    @Test
    void dependencyCyclesAreReportedOnceWithTheirPath() {
        StackFixture stack = StackFixture.minimal();
        stack.taskDefinitions.put("web", task()
                .container(container("init"))
                .container(container("a").dependsOn("init", "b"))
                .container(container("b").dependsOn("c"))
                .container(container("c").dependsOn("a"))
                .container(container("d").dependsOn("a")).build());
        assertExactly(Findings.of(new ContainerDependencyCycleCheck(), stack.build()),
                "/taskDefinitions/web/containerDefinitions/1/dependsOn/1/containerName :: depend on each other in a "
                        + "cycle: a -> b -> c -> a, so none of them can start");
    }

    @Test
    void acyclicDependenciesPass() {
        StackFixture stack = StackFixture.minimal();
        stack.taskDefinitions.put("web", task().container(container("a").dependsOn("b", "c"))
                .container(container("b").dependsOn("c")).container(container("c")).build());
        assertExactly(Findings.of(new ContainerDependencyCycleCheck(), stack.build()));
    }
}
