package dev.berth.planner.loadbalancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.berth.planner.fixtures.Observed.host;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.berth.planner.Planner;
import dev.berth.planner.drift.DriftDetector;
import dev.berth.planner.drift.DriftKind;
import dev.berth.planner.fixtures.Observed;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.LoadBalancerDetail;
import dev.berth.planner.plan.LoadBalancerRegistration;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.model.Stack;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** web offers its http port in namespace internal of a three-host cluster; worker only calls it. */
class ServiceConnectProxiesTest {
    @TempDir
    Path dir;

    private Stack stack() throws IOException {
        return stack(true);
    }

    private Stack stack(boolean connect) throws IOException {
        String yaml = """
                version: 1
                stack: shop
                clusters:
                  main:
                    hosts:
                      - {name: h1, endpoint: "tcp://10.0.0.1:2375", address: 10.0.0.1}
                      - {name: h2, endpoint: "tcp://10.0.0.2:2375", address: 10.0.0.2}
                      - {name: h3, endpoint: "tcp://10.0.0.3:2375", address: 10.0.0.3}
                namespaces:
                  internal: {cluster: main}
                taskDefinitions:
                  web:
                    containerDefinitions:
                      - {name: app, image: "berth/busybox:1", portMappings: [{containerPort: 8080, name: http}]}
                  worker:
                    containerDefinitions:
                      - {name: app, image: "berth/busybox:1"}
                services:
                  web:
                    cluster: main
                    taskDefinition: web
                    desiredCount: 2
                    namespace: internal
                    serviceConnectConfiguration:
                      enabled: %s
                      services:
                        - {portName: http, clientAliases: [{port: 80, dnsName: web.example}]}
                  worker: {cluster: main, taskDefinition: worker, namespace: internal}
                """.formatted(connect);
        LoadedStack loaded = StackLoader.load(Files.writeString(dir.resolve("stack.yaml"), yaml), VariableInputs.none());
        if (!loaded.valid()) {
            throw new IllegalStateException(loaded.diagnostics().toString());
        }
        return loaded.canonical();
    }

    private static ObservedState nothing() {
        return new ObservedState("shop", List.of("h1", "h2", "h3").stream()
                .map(h -> new ObservedHost("main", h, "tcp://" + h, true, null, null)).toList(),
                List.of(), List.of(), List.of(), List.of());
    }

    private static PlannedChange change(Plan plan, String address) {
        return plan.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
    }

    @Test
    void aServiceConnectPortGetsAProxyOnEveryHostThatAnswersToItsNamesAndItsTasksRegisterWithIt() throws IOException {
        Plan plan = Planner.plan(stack(), nothing());

        PlannedChange proxy = change(plan, "loadBalancer.http.internal");
        assertEquals(Action.create, proxy.action());
        LoadBalancerDetail detail = (LoadBalancerDetail) proxy.detail();
        assertEquals(List.of(new HostRef("main", "h1"), new HostRef("main", "h2"), new HostRef("main", "h3")),
                detail.create());
        assertEquals(new LoadBalancerDetail.Discovery("internal", List.of("http", "http.internal", "web",
                "web.internal", "web.example")), detail.discovery());
        assertEquals(List.of(80), detail.spec().listeners().stream().map(l -> l.port()).toList(),
                "the client alias's port, forwarding to the http port's container port");
        assertEquals(List.of(new LoadBalancerDetail.Backend("web", "app", 8080)), detail.backends());

        PlannedChange web = change(plan, "service.web");
        assertEquals(List.of(), web.service().launch().aliases(), "the proxies answer to web's names, not its tasks");
        LoadBalancerRegistration registration = web.service().loadBalancers().getFirst();
        assertEquals("http.internal", registration.loadBalancer());
        assertEquals(3, registration.hosts().size());
        assertEquals(List.of("worker", "worker.internal"), change(plan, "service.worker").service().launch().aliases(),
                "a service without Service Connect keeps its names on its tasks");
        assertNull(((LoadBalancerDetail) change(plan, "loadBalancer.http.internal").detail()).spec().host());
    }

    @Test
    void turningServiceConnectOnOrOffReplacesTheTasksWhoseNamesInTheNamespaceChange() throws IOException {
        ObservedState plain = Observed.deployed(stack(false), host("h1", 2, 8), host("h2", 2, 8), host("h3", 2, 8));

        PlannedChange web = change(Planner.plan(stack(true), plain), "service.web");
        assertEquals(Action.replace, web.action());
        assertEquals(List.of(Reason.of(ReasonCode.NAMES_CHANGED, "tasks", 2, "from", "web, web.internal",
                "to", "no name")), web.reasons());
        assertEquals(Action.noop, change(Planner.plan(stack(true), plain), "service.worker").action(),
                "worker keeps its names");
        assertEquals(2, DriftDetector.detect(stack(true), plain).findings().stream()
                .filter(f -> f.kind() == DriftKind.UNEXPECTED_SPEC && f.detail().contains("answers to web, web.internal"))
                .count(), "drift says the same of both web tasks");

        ObservedState connected = Observed.deployed(stack(true), host("h1", 2, 8), host("h2", 2, 8),
                host("h3", 2, 8));
        PlannedChange back = change(Planner.plan(stack(false), connected), "service.web");
        assertEquals(Action.replace, back.action(), "the proxies go, so the tasks must answer to web again");
        assertEquals(Action.delete, change(Planner.plan(stack(false), connected), "loadBalancer.http.internal")
                .action());
    }
}
