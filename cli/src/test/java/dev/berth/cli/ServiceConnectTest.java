package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.berth.applier.docker.ContainerExec;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.testing.TestHosts;
import dev.berth.planner.observed.BerthLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Service Connect on h1..h3: web runs on h1 and h2 only, clients on h3 reach it by its names
 * through the proxy on their host, balanced over both hosts' tasks, through a rolling update, a
 * killed task and a scale-out, as already running and newly started clients alike.
 */
@ResourceLock(TestHosts.LOCK)
class ServiceConnectTest {
    private static final String STACK = """
            version: 1
            stack: %STACK%
            variables:
              release: {default: "1"}
              webs: {default: 2}
              clients: {default: 1}
            clusters:
              lab:
                hosts:
                  - {name: h1, endpoint: "%H1%", address: %A1%, attributes: {zone: a}}
                  - {name: h2, endpoint: "%H2%", address: %A2%, attributes: {zone: b}}
                  - {name: h3, endpoint: "%H3%", address: %A3%, attributes: {zone: c}}
            namespaces:
              internal: {cluster: lab}
            taskDefinitions:
              web:
                memory: 32
                containerDefinitions:
                  - name: httpd
                    image: berth/busybox:1
                    command: [sh, -c, 'echo "$(hostname) ${release}" > /tmp/index.html; trap "exit 0" TERM; httpd -f -p 8080 -h /tmp & wait']
                    portMappings: [{containerPort: 8080, name: http}]
                    stopTimeout: 2
              client:
                memory: 32
                containerDefinitions:
                  - name: loop
                    image: berth/busybox:1
                    command: [sh, -c, "trap 'exit 0' TERM; while true; do sleep 5; done & wait"]
                    stopTimeout: 1
            services:
              web:
                cluster: lab
                taskDefinition: web
                desiredCount: ${webs}
                namespace: internal
                placementConstraints: [{type: memberOf, expression: "attribute:zone in [a, b]"}]
                serviceConnectConfiguration:
                  enabled: true
                  services:
                    - {portName: http, discoveryName: web, clientAliases: [{port: 8080}, {port: 80, dnsName: api.local}]}
              client:
                cluster: lab
                taskDefinition: client
                desiredCount: ${clients}
                namespace: internal
                placementConstraints: [{type: memberOf, expression: "attribute:zone == c"}]
            """;
    /** Four clients in a row each: enough for the 100 requests/s the rolling update is to pass under. */
    private static final String LOAD = "rm -f /tmp/stop /tmp/log*; for j in 1 2 3 4; do (while [ ! -f /tmp/stop ]; do"
            + " if printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 web.internal 8080 | grep -q '200 OK'; then echo ok;"
            + " else echo fail; fi; done > /tmp/log$j) & done";

    private final DockerClients clients = new DockerClients();
    private final List<String> sockets = TestHosts.sockets(3);
    private Path stackFile;
    private String stack;

    @BeforeEach
    void write(@TempDir Path dir) throws Exception {
        stack = "sc-" + UUID.randomUUID().toString().substring(0, 8);
        stackFile = dir.resolve("stack.yaml");
        List<String> addresses = TestHosts.addresses(3);
        String yaml = STACK.replace("%STACK%", stack);
        for (int i = 0; i < 3; i++) {
            yaml = yaml.replace("%H" + (i + 1) + "%", sockets.get(i)).replace("%A" + (i + 1) + "%", addresses.get(i));
        }
        Files.writeString(stackFile, yaml);
    }

    @AfterEach
    void destroy() throws Exception {
        try (clients) {
            EngineStack.assertPlanAndDriftAgree(stackFile);
            CommandRun run = CommandRun.of("destroy", stackFile.toString(), "--yes", "--volumes");
            assertEquals(0, run.exitCode(), run.out() + run.err());
        }
    }

    @Test
    void clientsOnAnotherHostReachWebByItsNamesThroughAnUpdateAKillAndAScaleOut() throws Exception {
        apply();
        Set<String> webs = webHostnames();
        assertEquals(2, webs.size());
        String client = clientContainers().getFirst();
        for (String name : List.of("web:8080", "web.internal:8080", "api.local:80")) {
            Set<String> answered = answers(client, name, 12);
            assertEquals(webs, answered, name + " is balanced over the tasks on h1 and h2");
        }

        // A rolling update under load: every request answers.
        exec(2, client, LOAD);
        long started = System.nanoTime();
        apply("--var", "release=2");
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Integer> results = stopLoad(client);
        System.out.println("service connect: rolling update of web under load: " + results + " in "
                + Math.round(seconds) + " s");
        assertEquals(0, results.getOrDefault("fail", 0), "no request failed during the rolling update: " + results);
        assertTrue(results.getOrDefault("ok", 0) >= 100 * seconds, "at least 100 requests/s: " + results);

        // A task killed under load: HAProxy retries a failed connection on the other task.
        exec(2, client, LOAD);
        Thread.sleep(1000);
        Container victim = onHost(0, "web").getFirst();
        clients.client(endpoint(0)).killContainerCmd(victim.getId()).exec();
        Thread.sleep(4000);
        Map<String, Integer> killed = stopLoad(client);
        System.out.println("service connect: docker kill of a web task under load: " + killed);
        int sent = killed.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(killed.getOrDefault("fail", 0) <= sent / 100, "at most 1 % failed around the kill: " + killed);

        // Scaled out (the killed task replaced too): old and new clients reach all four.
        apply("--var", "release=2", "--var", "webs=4", "--var", "clients=2");
        Set<String> four = webHostnames();
        assertEquals(4, four.size());
        for (String each : clientContainers()) {
            assertEquals(four, answers(each, "web.internal:8080", 40), "client " + each + " reaches every task");
        }
    }

    private void apply(String... vars) {
        List<String> args = new ArrayList<>(List.of("apply", "--yes", "--no-color"));
        args.addAll(List.of(vars));
        args.add(stackFile.toString());
        CommandRun run = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }

    /** The first line of each answer, the task's hostname. */
    private Set<String> answers(String client, String name, int requests) throws Exception {
        String host = name.substring(0, name.indexOf(':'));
        String port = name.substring(name.indexOf(':') + 1);
        String out = exec(2, client, "for i in $(seq " + requests + "); do printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 "
                + host + " " + port + " | tail -1; done");
        return out.lines().filter(l -> !l.isBlank()).map(l -> l.split(" ")[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Map<String, Integer> stopLoad(String client) throws Exception {
        String out = exec(2, client, "touch /tmp/stop; sleep 3; cat /tmp/log*");
        return out.lines().filter(l -> !l.isBlank()).collect(Collectors.toMap(l -> l, l -> 1, Integer::sum));
    }

    /** The hostnames of web's running tasks, on h1 and h2. */
    private Set<String> webHostnames() {
        Set<String> names = new TreeSet<>();
        for (int host = 0; host < 2; host++) {
            DockerClient client = clients.client(endpoint(host));
            onHost(host, "web").forEach(c -> names.add(client.inspectContainerCmd(c.getId()).exec().getConfig()
                    .getHostName()));
        }
        return names;
    }

    private List<String> clientContainers() {
        return onHost(2, "client").stream().map(Container::getId).toList();
    }

    private List<Container> onHost(int host, String service) {
        return clients.client(endpoint(host)).listContainersCmd().withLabelFilter(Map.of(BerthLabels.STACK, stack,
                BerthLabels.SERVICE, service)).exec();
    }

    private DockerEndpoint endpoint(int host) {
        return DockerEndpoint.parse(sockets.get(host), Map.of());
    }

    private String exec(int host, String container, String script) {
        ContainerExec.Result result = ContainerExec.run(clients.client(endpoint(host)), container,
                List.of("sh", "-c", script), Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), script + ": " + result.stderr());
        return result.stdout();
    }
}
