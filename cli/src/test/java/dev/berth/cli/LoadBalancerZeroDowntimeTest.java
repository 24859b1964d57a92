package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.applier.testing.TestHosts;
import dev.berth.cli.load.LoadGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * A load balancer on h1 in front of web, spread over h1..h3, and api behind a path rule, with a
 * steady load of keep-alive requests through it (to h1's own address) the whole time: a rolling
 * update, a scale out and in, and the removal of api lose no request; a task killed by hand loses
 * only what arrives before the load balancer notices, and the next apply repairs it.
 */
class LoadBalancerZeroDowntimeTest {
    private static final int RATE = 200;
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static List<String> hosts;
    private static List<String> addresses;

    private Path stackFile;
    private String stack;

    @BeforeAll
    static void engines() {
        hosts = TestHosts.sockets(3);
        addresses = TestHosts.addresses(3);
    }

    @BeforeEach
    void name(@TempDir Path dir) {
        stack = "lb-" + UUID.randomUUID().toString().substring(0, 8);
        stackFile = dir.resolve("stack.yaml");
    }

    @AfterEach
    void destroy() {
        if (Files.exists(stackFile)) {
            try {
                EngineStack.assertPlanAndDriftAgree(stackFile);
            } finally {
                CommandRun run = CommandRun.of("destroy", stackFile.toString(), "--yes", "--volumes");
                assertEquals(0, run.exitCode(), run.out() + run.err());
            }
        }
    }

    @Test
    void deploymentsScalingAndARemovedServiceLoseNoRequestThroughTheLoadBalancer() throws Exception {
        write("1", 3, true);
        apply();
        CommandRun plan = CommandRun.of("plan", "--detailed-exitcode", stackFile.toString());
        assertEquals(0, plan.exitCode(), "apply twice gives no changes: " + plan.out());
        CommandRun status = CommandRun.of("status", stackFile.toString());
        assertEquals(3, status.out().lines().filter(l -> l.contains(" web ") || l.startsWith("  web ")).filter(l ->
                l.contains(" UP ")).count(), status.out());

        LoadGenerator.Report update = underLoad(() -> {
            write("2", 3, true);
            apply();
        });
        assertEquals(0, update.failed(), "rolling update: " + update);
        assertTrue(update.answeredBy().size() >= 6, "three old and three new tasks on three hosts answered: " + update);

        LoadGenerator.Report scale = underLoad(() -> {
            write("2", 6, true);
            apply();
            write("2", 2, true);
            apply();
        });
        assertEquals(0, scale.failed(), "scale 3 -> 6 -> 2: " + scale);

        LoadGenerator.Report removed = underLoad(() -> {
            write("2", 2, false);
            apply();
        });
        assertEquals(0, removed.failed(), "api removed from the load balancer: " + removed);
        System.out.println("load balancer under load: update " + update + "; scale " + scale + "; remove " + removed);
    }

    @Test
    void aKilledTaskLosesOnlyWhatCameBeforeTheLoadBalancerNoticedAndApplyRepairsIt() throws Exception {
        write("1", 3, true);
        apply();
        String victim = docker(hosts.get(1), "ps", "-q", "--filter", "label=berth.stack=" + stack,
                "--filter", "label=berth.service=web").strip().lines().findFirst().orElseThrow();

        LoadGenerator.Report killed = underLoad(() -> {
            docker(hosts.get(1), "kill", victim);
            // The checks (every 5 s, down after 2 failures) notice within about 10 s.
            Thread.sleep(12_000);
        });
        System.out.println("load balancer, one task killed: " + killed);
        assertTrue(killed.failed() <= RATE, "at most a second's worth of requests fails: " + killed);

        CommandRun drift = CommandRun.of("drift", stackFile.toString());
        assertEquals(2, drift.exitCode(), drift.out());
        apply();
        assertEquals(0, CommandRun.of("drift", stackFile.toString()).exitCode());
    }

    // --- load ------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** The step with the load running through the load balancer on h1, from a second before to a second after. */
    private LoadGenerator.Report underLoad(Step step) throws Exception {
        LoadGenerator load = new LoadGenerator(addresses.get(0), 8080, "/id", RATE, 4, Duration.ofMinutes(3)).start();
        try {
            Thread.sleep(1000);
            step.run();
            Thread.sleep(1000);
        } catch (Exception | AssertionError e) {
            load.stop();
            throw e;
        }
        return load.stop();
    }

    // --- the stack -------------------------------------------------------------------------------

    private void write(String version, int webTasks, boolean withApi) throws IOException {
        StringBuilder yaml = new StringBuilder("version: 1\nstack: " + stack + "\nclusters:\n  lab:\n    hosts:\n");
        String[] zones = {"a", "b", "c"};
        for (int i = 0; i < 3; i++) {
            yaml.append("      - {name: h").append(i + 1).append(", endpoint: \"").append(hosts.get(i))
                    .append("\", address: ").append(addresses.get(i)).append(", attributes: {zone: ").append(zones[i])
                    .append("}}\n");
        }
        yaml.append("""
                loadBalancers:
                  public:
                    cluster: lab
                    host: h1
                    listeners:
                      - port: 8080
                        defaultAction: {type: forward, service: web}
                """);
        if (withApi) {
            yaml.append("""
                            rules:
                              - {priority: 10, conditions: [{field: path-pattern, values: ["/api/*"]}], action: {type: forward, service: api}}
                    """);
        }
        yaml.append("""
                    healthCheck: {path: /id, interval: 5, timeout: 2, healthyThreshold: 2, unhealthyThreshold: 2}
                    deregistrationDelay: 10
                taskDefinitions:
                  web:
                    memory: 32
                    containerDefinitions:
                      - name: httpd
                        image: berth/busybox:1
                        command: [sh, -c, "trap 'exit 0' TERM; mkdir -p /www/api; hostname > /www/id; hostname > /www/api/id; httpd -f -p 8080 -h /www & wait"]
                        environment: {VERSION: "%s"}
                        portMappings: [{containerPort: 8080, hostPort: 0}]
                        stopTimeout: 2
                services:
                  web:
                    cluster: lab
                    taskDefinition: web
                    desiredCount: %d
                    placementStrategy: [{type: spread, field: "attribute:zone"}]
                    loadBalancers: [{loadBalancerName: public, containerName: httpd, containerPort: 8080}]
                """.formatted(version, webTasks));
        if (withApi) {
            yaml.append("""
                      api:
                        cluster: lab
                        taskDefinition: web
                        desiredCount: 1
                        loadBalancers: [{loadBalancerName: public, containerName: httpd, containerPort: 8080}]
                    """);
        }
        Files.writeString(stackFile, yaml.toString());
    }

    private void apply() {
        CommandRun run = CommandRun.of("apply", stackFile.toString(), "--yes", "--no-color");
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }

    private static String docker(String host, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "-H", host));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionFailedError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
