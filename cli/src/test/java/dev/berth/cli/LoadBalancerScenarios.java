package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.cli.load.LoadGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.opentest4j.AssertionFailedError;

/**
 * The zero-downtime scenarios of a load balancer on h1 in front of {@code web}, spread over h1..h3,
 * and {@code api} behind a path rule, each step run while a steady keep-alive load goes through the
 * load balancer to h1's own address: what {@code LoadBalancerZeroDowntimeTest} asserts on and
 * {@code LoadBalancerBenchmark} measures with more load.
 */
final class LoadBalancerScenarios implements AutoCloseable {
    /** What the tasks run; each answers every request with its hostname. */
    enum App {
        /** busybox's httpd: a process and a connection per request, as many small servers do. */
        HTTPD("berth/busybox:1", "[sh, -c, \"trap 'exit 0' TERM; mkdir -p /www/api; hostname > /www/id; hostname > "
                + "/www/api/id; httpd -f -p 8080 -h /www & wait\"]"),
        /** HAProxy answering by itself over keep-alive: fast and steady, so what is measured is the load balancer. */
        ECHO("berth/haproxy:2", "[sh, -c, \"printf 'defaults\\\\n mode http\\\\n timeout client 60s\\\\n"
                + " timeout server 60s\\\\n timeout connect 5s\\\\nfrontend echo\\\\n bind :8080\\\\n"
                + " http-request return status 200 content-type text/plain string %s\\\\n' $(hostname)"
                + " > /tmp/echo.cfg; exec haproxy -f /tmp/echo.cfg\"]");

        private final String image;
        private final String command;

        App(String image, String command) {
            this.image = image;
            this.command = command;
        }
    }

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final List<String> hosts;
    private final List<String> addresses;
    private final int port;
    private final int rate;
    private final Duration atLeast;
    private final App app;
    final Path stackFile;
    final String stack;
    private String version = "1";
    private int webTasks = 3;
    private boolean withApi = true;

    /**
     * @param hosts   engine endpoints, the load balancer on the first
     * @param port    its listener's port
     * @param rate    requests per second during each step
     * @param atLeast how long the load runs at the least around a step, however quick the step is
     */
    LoadBalancerScenarios(Path dir, List<String> hosts, List<String> addresses, int port, int rate, Duration atLeast,
                          App app) {
        this.app = app;
        this.hosts = hosts;
        this.addresses = addresses;
        this.port = port;
        this.rate = rate;
        this.atLeast = atLeast;
        this.stack = "lb-" + UUID.randomUUID().toString().substring(0, 8);
        this.stackFile = dir.resolve(stack + ".yaml");
    }

    /** Three web tasks of version 1 and api, applied without load. */
    LoadBalancerScenarios deployed() throws IOException {
        write();
        apply();
        return this;
    }

    /** 1: a rolling update of web to a new environment value. */
    LoadGenerator.Report rollingUpdate() throws Exception {
        return underLoad(() -> {
            version = String.valueOf(Integer.parseInt(version) + 1);
            write();
            apply();
        });
    }

    /** 2: web scaled out to 6 and in to 2. */
    LoadGenerator.Report scaleOutAndIn() throws Exception {
        return underLoad(() -> {
            webTasks = 6;
            write();
            apply();
            webTasks = 2;
            write();
            apply();
        });
    }

    /** 3: api, the second service behind the load balancer, removed from the stack. */
    LoadGenerator.Report removeApi() throws Exception {
        return underLoad(() -> {
            withApi = false;
            write();
            apply();
        });
    }

    /**
     * 4: the container of a web task on the second host killed by hand; the load goes on until the
     * load balancer has taken it out (its checks every 5 s, down after 2 failures) and a second more.
     */
    LoadGenerator.Report killOneTask() throws Exception {
        return killOneTask(() -> CommandRun.of("status", stackFile.toString()).out().contains(" DOWN"));
    }

    /** 4, with the load going on until {@code recovered} says so (at most 60 s) and a second more. */
    LoadGenerator.Report killOneTask(Callable<Boolean> recovered) throws Exception {
        String victim = docker(hosts.get(1), "ps", "-q", "--filter", "label=berth.stack=" + stack,
                "--filter", "label=berth.service=web").strip().lines().findFirst().orElseThrow();
        return underLoad(() -> {
            docker(hosts.get(1), "kill", victim);
            Instant deadline = Instant.now().plusSeconds(60);
            while (!recovered.call() && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
        });
    }

    /** The load balancer's targets of web that are UP, as {@code berth status --format json} lists them. */
    long webTargetsUp() throws IOException {
        String status = CommandRun.of("status", "--format", "json", stackFile.toString()).out();
        long up = 0;
        for (JsonNode balancer : new ObjectMapper().readTree(status).path("loadBalancers")) {
            for (JsonNode target : balancer.path("targets")) {
                if ("web".equals(target.path("service").asText()) && "UP".equals(target.path("health").asText())) {
                    up++;
                }
            }
        }
        return up;
    }

    /** The same load through the load balancer and straight to a task, at the same time. */
    record SideBySide(LoadGenerator.Report through, LoadGenerator.Report direct) {
    }

    /**
     * The load through the load balancer and, at the same time, the same load straight to a web
     * task's published port on the first host: whatever else the machine does slows both alike.
     */
    SideBySide sideBySide(Duration length) throws Exception {
        String id = docker(hosts.get(0), "ps", "-q", "--filter", "label=berth.stack=" + stack,
                "--filter", "label=berth.service=web").strip().lines().findFirst().orElseThrow();
        String published = docker(hosts.get(0), "port", id, "8080/tcp").strip().lines().findFirst().orElseThrow();
        int taskPort = Integer.parseInt(published.substring(published.lastIndexOf(':') + 1));
        LoadGenerator through = new LoadGenerator(addresses.get(0), port, "/id", rate, 8, length.plusMinutes(1)).start();
        LoadGenerator direct = new LoadGenerator(addresses.get(0), taskPort, "/id", rate, 8, length.plusMinutes(1)).start();
        Thread.sleep(length);
        return new SideBySide(through.stop(), direct.stop());
    }

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** The step with the load running from a second before to a second after it, and {@code atLeast} in all. */
    LoadGenerator.Report underLoad(Step step) throws Exception {
        LoadGenerator load = new LoadGenerator(addresses.get(0), port, "/id", rate, 8, Duration.ofMinutes(5)).start();
        Instant began = Instant.now();
        try {
            Thread.sleep(1000);
            step.run();
            Thread.sleep(1000);
            Duration left = atLeast.minus(Duration.between(began, Instant.now()));
            if (left.isPositive()) {
                Thread.sleep(left);
            }
        } catch (Exception | AssertionError e) {
            load.stop();
            throw e;
        }
        return load.stop();
    }

    void apply() {
        CommandRun run = CommandRun.of("apply", stackFile.toString(), "--yes", "--no-color");
        if (run.exitCode() != 0) {
            throw new AssertionFailedError("apply failed (" + run.exitCode() + ")\n" + run.out() + run.err());
        }
    }

    /** Plan and drift agree on what is left, then the stack is destroyed. */
    @Override
    public void close() {
        if (Files.exists(stackFile)) {
            try {
                EngineStack.assertPlanAndDriftAgree(stackFile);
            } finally {
                CommandRun run = CommandRun.of("destroy", stackFile.toString(), "--yes", "--volumes");
                if (run.exitCode() != 0) {
                    throw new AssertionFailedError("destroy failed: " + run.out() + run.err());
                }
            }
        }
    }

    private void write() throws IOException {
        StringBuilder yaml = new StringBuilder("version: 1\nstack: " + stack + "\nclusters:\n  lab:\n    hosts:\n");
        String[] zones = {"a", "b", "c"};
        for (int i = 0; i < hosts.size(); i++) {
            yaml.append("      - {name: h").append(i + 1).append(", endpoint: \"").append(hosts.get(i))
                    .append("\", address: ").append(addresses.get(i)).append(", attributes: {zone: ")
                    .append(zones[i % zones.length]).append("}}\n");
        }
        yaml.append("""
                loadBalancers:
                  public:
                    cluster: lab
                    host: h1
                    listeners:
                      - port: %d
                        defaultAction: {type: forward, service: web}
                """.formatted(port));
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
                        image: %s
                        command: %s
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
                """.formatted(app.image, app.command, version, webTasks));
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

    static String docker(String host, String... args) throws Exception {
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
