package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Container;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.ContainerExec;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.observe.StackObserver;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.applier.testing.SelfSignedCertificate;
import dev.berth.planner.metrics.RequestRates;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ObservedLoadBalancer;
import dev.berth.schema.StackLoader;
import dev.berth.schema.model.Stack;
import dev.berth.schema.variables.VariableInputs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load balancer on the local engine in front of two services, its listeners on this machine's
 * ports: requests reach the service their rules pick, over http and https, and the load balancer
 * is kept as the stack says like any task.
 */
@ExtendWith(RequiresDocker.class)
class LoadBalancerCommandTest {
    private static final String STACK = """
            version: 1
            stack: %STACK%
            clusters:
              main: {}
            loadBalancers:
              edge:
                cluster: main
                listeners:
                  - port: HTTP_PORT
                    rules:
                      - {priority: 20, conditions: [{field: host-header, values: ["admin.*"]}], action: {type: fixed-response, statusCode: 403}}
                      - {priority: 10, conditions: [{field: path-pattern, values: ["/api/*"]}], action: {type: forward, service: api}}
                    defaultAction: {type: forward, service: web}
                  - port: HTTPS_PORT
                    protocol: https
                    certificate: file:CERT
                    privateKey: file:KEY
                    defaultAction: {type: forward, service: web}
                healthCheck: {path: /id, interval: 5, timeout: 2, healthyThreshold: 2, unhealthyThreshold: 4}
                deregistrationDelay: 2
            taskDefinitions:
              site:
                memory: 32
                containerDefinitions:
                  - name: httpd
                    image: berth/busybox:1
                    command: [sh, -c, "trap 'exit 0' TERM; mkdir -p /www/api; hostname > /www/id; hostname > /www/api/id; httpd -f -p 8080 -h /www & wait"]
                    portMappings: [{containerPort: 8080, hostPort: 0}]
                    stopTimeout: 1
            services:
              web:
                cluster: main
                taskDefinition: site
                desiredCount: 2
                loadBalancers: [{loadBalancerName: edge, containerName: httpd, containerPort: 8080}]
              api:
                cluster: main
                taskDefinition: site
                desiredCount: 1
                loadBalancers: [{loadBalancerName: edge, containerName: httpd, containerPort: 8080}]
            """;

    @TempDir
    Path dir;

    private EngineStack stack(int httpPort, int httpsPort, SelfSignedCertificate tls) {
        return new EngineStack(dir, "lb").write(STACK.replace("HTTP_PORT", String.valueOf(httpPort))
                .replace("HTTPS_PORT", String.valueOf(httpsPort)).replace("CERT", tls.certificate().toString())
                .replace("KEY", tls.privateKey().toString()));
    }

    @Test
    void rulesSendEachRequestToItsServiceOverHttpAndHttpsAndTheKeyIsNeverShown() throws Exception {
        SelfSignedCertificate tls = SelfSignedCertificate.in(dir);
        String key = Files.readString(tls.privateKey());
        String keyLine = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        try (EngineStack stack = stack(18081, 18441, tls); DockerClients clients = new DockerClients()) {
            CommandRun plan = stack.berth("plan", "--no-color");
            CommandRun apply = stack.applied();
            CommandRun planJson = stack.berth("plan", "--format", "json");
            for (CommandRun run : List.of(plan, apply, planJson)) {
                assertFalse((run.out() + run.err()).contains(keyLine), "no output shows the private key");
            }
            assertEquals(0, stack.berth("plan", "--detailed-exitcode").exitCode(), "applied twice, nothing to do");
            Container balancer = loadBalancer(stack);
            String inspected = String.valueOf(stack.docker.inspectContainerCmd(balancer.getId()).exec());
            assertFalse(inspected.contains(keyLine), "the key is a file in the container, not in its settings");

            // The tasks joined through the runtime API, which takes nothing from default-server.
            String stat = adminSocket(stack, balancer, "show stat");
            List<String> columns = List.of(stat.lines().findFirst().orElseThrow().substring(2).split(","));
            List<String[]> servers = stat.lines().skip(1).map(l -> l.split(",", -1))
                    .filter(f -> f.length > 2 && f[0].startsWith("http-") && !f[1].equals("BACKEND")).toList();
            assertEquals(3, servers.size(), stat);
            for (String[] server : servers) {
                assertEquals("4", server[columns.indexOf("check_fall")], "unhealthyThreshold: " + String.join(",", server));
                assertEquals("2", server[columns.indexOf("check_rise")], "healthyThreshold: " + String.join(",", server));
            }
            String pools = adminSocket(stack, balancer, "show servers conn http-web");
            List<String> poolColumns = List.of(pools.lines().findFirst().orElseThrow().substring(2).split(" "));
            pools.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(" ")).forEach(pool -> assertEquals("-1",
                    pool[poolColumns.indexOf("idle_lim")], "each server keeps idle connections to its task: " + pools));

            Set<String> web = hostnames(stack, "web");
            Set<String> api = hostnames(stack, "api");
            assertEquals(2, web.size());
            assertEquals(1, api.size());
            Set<String> answered = new java.util.TreeSet<>();
            for (int i = 0; i < 6; i++) {
                answered.add(get(18081, "/id", "shop.example.com").body().strip());
            }
            assertEquals(web, answered, "the default action spreads over both web tasks");
            assertEquals(api, Set.of(get(18081, "/api/id", "shop.example.com").body().strip()), "/api/* goes to api");
            assertEquals(403, get(18081, "/id", "admin.example.com").status(), "admin.* gets the fixed response");
            assertTrue(web.contains(https(tls, 18441, "/id").strip()), "https ends at the load balancer, web answers");

            JsonNode status = stack.readJson(stack.berth("status", "--format", "json").out());
            JsonNode targets = status.get("loadBalancers").get(0).get("targets");
            assertEquals(3, targets.size(), status.toPrettyString());
            targets.forEach(t -> assertEquals("UP", t.get("health").asText(), t.toPrettyString()));
            assertTrue(targets.findValues("requests").stream().mapToLong(JsonNode::asLong).sum() >= 8,
                    "the load balancer counted the requests: " + targets);

            // The request metric auto scaling reads: 60 requests to web between two observations.
            Stack canonical = StackLoader.load(stack.file, VariableInputs.none()).canonical();
            StackObserver observer = new StackObserver(clients, new ClusterHosts(System.getenv()));
            Instant before = Instant.now();
            List<ObservedLoadBalancer> first = observer.observe(canonical).loadBalancers();
            for (int i = 0; i < 60; i++) {
                get(18081, "/id", "shop.example.com");
            }
            List<ObservedLoadBalancer> second = observer.observe(canonical).loadBalancers();
            RequestRates rates = RequestRates.between(before, first, Instant.now(), second);
            double seconds = rates.window().toNanos() / 1e9;
            double sent = rates.perTask().values().stream().filter(r -> r.service().equals("web"))
                    .mapToDouble(RequestRates.TaskRate::perSecond).sum() * seconds;
            assertEquals(60, sent, 0.5, "every request counted once: " + rates);
            assertEquals(30, rates.perTargetPerMinute("web").orElseThrow() * seconds / 60, 0.5,
                    "60 requests over 2 healthy targets, 30 each: " + rates);
        }
    }

    @Test
    void aLoadBalancerStoppedByHandIsDriftApplyBringsItBackAndDestroyRemovesIt() throws Exception {
        SelfSignedCertificate tls = SelfSignedCertificate.in(dir);
        try (EngineStack stack = stack(18082, 18442, tls)) {
            stack.applied();
            stack.docker.stopContainerCmd(loadBalancer(stack).getId()).withTimeout(1).exec();

            CommandRun drift = stack.berth("drift", "--no-color");
            assertEquals(2, drift.exitCode(), drift.out() + drift.err());
            assertTrue(drift.out().contains("edge"), drift.out());
            CommandRun plan = stack.berth("plan", "--no-color");
            assertTrue(plan.out().contains("not running on local: recreate it there"), plan.out());

            stack.applied();
            assertEquals(200, get(18082, "/id", "shop.example.com").status(), "serving again after apply");
            assertEquals(0, stack.berth("drift").exitCode());

            CommandRun destroy = stack.berth("destroy", "--yes");
            assertEquals(0, destroy.exitCode(), destroy.out() + destroy.err());
            assertTrue(stack.containers().isEmpty(), "nothing of the stack is left: " + stack.containers());
            assertThrows(ConnectException.class, () -> get(18082, "/id", "shop.example.com"), "the port is closed");
        }
    }

    private static String adminSocket(EngineStack stack, Container balancer, String command) {
        return ContainerExec.run(stack.docker, balancer.getId(), List.of("sh", "-c",
                "echo '" + command + "' | socat stdio unix-connect:/run/haproxy/admin.sock"), Duration.ofSeconds(15)).stdout();
    }

    private static Container loadBalancer(EngineStack stack) {
        List<Container> balancers = stack.containers().stream()
                .filter(c -> BerthLabels.KIND_LOAD_BALANCER.equals(c.getLabels().get(BerthLabels.KIND))).toList();
        assertEquals(1, balancers.size(), "one load balancer container: " + balancers);
        return balancers.get(0);
    }

    /** The hostnames of the service's running tasks: what /id answers with. */
    private static Set<String> hostnames(EngineStack stack, String service) {
        return stack.tasks().stream().filter(c -> service.equals(c.getLabels().get(BerthLabels.SERVICE)))
                .filter(c -> "running".equals(c.getState()))
                .map(c -> stack.docker.inspectContainerCmd(c.getId()).exec().getConfig().getHostName())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private record Response(int status, String body) {
    }

    /** One HTTP/1.0 GET to 127.0.0.1 with the Host header given (which Java's HTTP client does not let one set). */
    private static Response get(int port, String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            int status = Integer.parseInt(response.split(" ", 3)[1]);
            return new Response(status, headersEnd < 0 ? "" : response.substring(headersEnd + 4));
        }
    }

    /** A GET over https that trusts exactly the test's certificate, checking that it names 127.0.0.1. */
    private static String https(SelfSignedCertificate tls, int port, String path) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("berth-test", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(tls.certificate()))));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        // A TLS handshake on a machine both of whose cores are busy with the suite can take seconds.
        try (HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(20)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return response.body();
        }
    }
}
