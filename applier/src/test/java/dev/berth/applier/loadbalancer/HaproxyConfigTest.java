package dev.berth.applier.loadbalancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.applier.loadbalancer.HaproxyConfig.Server;
import dev.berth.applier.testing.SelfSignedCertificate;
import dev.berth.planner.plan.LoadBalancerDetail.Backend;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The configuration berth writes, checked by the HAProxy of this machine (the one the
 * {@code berth/haproxy} image is built from), and the edits berth makes to it while it runs.
 */
class HaproxyConfigTest {
    private static final String HASH = "sha256:0123";

    @TempDir
    Path dir;

    private LoadBalancer spec(String listeners) throws IOException {
        String yaml = """
                version: 1
                stack: shop
                clusters:
                  main:
                    hosts: [{name: h1, endpoint: "tcp://10.0.0.1:2375"}]
                loadBalancers:
                  public:
                    cluster: main
                    listeners: %s
                    healthCheck: {path: /health, matcher: 200-399}
                    slowStart: 30
                    algorithm: least_outstanding_requests
                taskDefinitions:
                  web:
                    containerDefinitions:
                      - {name: app, image: "berth/busybox:1", portMappings: [{containerPort: 8080}]}
                services:
                  web:
                    cluster: main
                    taskDefinition: web
                    loadBalancers: [{loadBalancerName: public, containerName: app, containerPort: 8080}]
                  api:
                    cluster: main
                    taskDefinition: web
                    loadBalancers: [{loadBalancerName: public, containerName: app, containerPort: 8080}]
                """.formatted(listeners);
        Path pem = Files.writeString(dir.resolve("cert.pem"), "-\n");
        LoadedStack loaded = StackLoader.load(Files.writeString(dir.resolve("stack.yaml"),
                yaml.replace("CERT", "file:" + pem)), VariableInputs.none());
        if (!loaded.valid()) {
            throw new IllegalStateException(loaded.diagnostics().toString());
        }
        return loaded.canonical().loadBalancers().get("public");
    }

    private static final List<Backend> BACKENDS = List.of(new Backend("api", "app", 8080), new Backend("web", "app", 8080));

    private static final String EVERY_KIND = """

                  - port: 8443
                    protocol: https
                    certificate: CERT
                    privateKey: CERT
                    defaultAction: {type: forward, service: web}
                    rules:
                      - {priority: 20, conditions: [{field: host-header, values: ["admin.*"]}], action: {type: fixed-response, statusCode: 403}}
                      - {priority: 10, conditions: [{field: path-pattern, values: ["/api/*", "/v?/api"]}], action: {type: forward, service: api}}
                  - port: 5432
                    protocol: tcp
                    defaultAction: {type: forward, service: api}
                  - port: 8080
                    defaultAction: {type: fixed-response, statusCode: 404}
            """;

    @Test
    void everyKindOfListenerRuleAndActionIsAConfigurationHaproxyAccepts() throws Exception {
        String config = HaproxyConfig.render("public", HASH, spec(EVERY_KIND), BACKENDS, List.of(
                new Server("http-web", "web-1-aaa", "127.0.0.1", 32768),
                new Server("tcp-api", "api-1-bbb", "10.0.0.2", 32769),
                new Server("http-api", "api-1-bbb", "10.0.0.2", 32769)));

        assertHaproxyAccepts(config);
        assertTrue(config.contains("backend tcp-api") && config.contains("backend http-api"),
                "api is behind a tcp and an http listener, so it has a backend of each mode:\n" + config);
        assertFalse(config.contains("backend tcp-web"), "web is behind http listeners only:\n" + config);
        assertTrue(config.contains("slowstart 30s") && config.contains("balance leastconn")
                && config.contains("http-check expect status 200-399"), config);
    }

    @Test
    void rulesAreMatchedInTheOrderOfTheirPriorityNotOfTheStack() throws Exception {
        String config = HaproxyConfig.render("public", HASH, spec(EVERY_KIND), BACKENDS, List.of());

        int api = config.indexOf("use_backend http-api if rule-10-0");
        int admin = config.indexOf("use_backend fixed-403 if rule-20-0");
        assertTrue(api > 0 && admin > api, "priority 10 before 20:\n" + config);
    }

    @Test
    void globsMatchAsTheAlbMatchesThem() {
        Pattern api = Pattern.compile(HaproxyConfig.regex("/api/*"));
        assertTrue(api.matcher("/api/").matches());
        assertTrue(api.matcher("/api/orders/7").matches());
        assertFalse(api.matcher("/apiary").matches());
        assertFalse(api.matcher("/x/api/").matches(), "a pattern is anchored at the start");

        Pattern version = Pattern.compile(HaproxyConfig.regex("/v?.json"));
        assertTrue(version.matcher("/v2.json").matches());
        assertFalse(version.matcher("/v2xjson").matches(), "a dot is a dot");
        assertFalse(version.matcher("/v10.json").matches(), "? is one character");

        assertEquals("^/it\\x27s$", HaproxyConfig.regex("/it's"), "a quote cannot end HAProxy's quoting");
    }

    @Test
    void serversAreReplacedBackendByBackendAndNothingElseChanges() throws Exception {
        String config = HaproxyConfig.render("public", HASH, spec(EVERY_KIND), BACKENDS, List.of(
                new Server("http-web", "web-1-aaa", "127.0.0.1", 32768)));

        List<Server> now = List.of(new Server("http-web", "web-2-ccc", "10.0.0.3", 32770),
                new Server("http-api", "api-1-bbb", "10.0.0.2", 32769));
        String updated = HaproxyConfig.withServers(config, now);

        assertFalse(updated.contains("web-1-aaa"), updated);
        assertEquals(HaproxyConfig.render("public", HASH, spec(EVERY_KIND), BACKENDS, now), updated,
                "the same as rendering with the new servers");
        assertEquals(updated, HaproxyConfig.withServers(updated, now), "a second rewrite changes nothing");
        assertHaproxyAccepts(updated);
    }

    @Test
    void theServerStateHaproxyReportsIsReadBackExceptServersOnTheirWayOut() {
        // As `show servers state` answers (HAProxy 2.6): the second is in forced maintenance (drained).
        String state = """
                1
                # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port
                3 http-web 1 web-3-c6ee0e 127.0.0.1 2 4 1 1 290 15 3 4 6 0 0 0 - 32796 - 0 0 - - 0
                3 http-web 2 web-3-e529ba 10.0.0.2 0 5 1 1 289 15 3 4 6 0 0 0 - 32797 - 0 0 - - 0
                4 tcp-db 1 db-1-aaaaaa 10.0.0.3 2 4 1 1 12 15 3 4 6 0 0 0 - 5432 - 0 0 - - 0
                """;

        assertEquals(List.of(new Server("http-web", "web-3-c6ee0e", "127.0.0.1", 32796),
                new Server("tcp-db", "db-1-aaaaaa", "10.0.0.3", 5432)), List.copyOf(HaproxyConfig.fromState(state).values()));
    }

    @Test
    void aServerAddedAtRuntimeIsGivenTheOptionsOfItsBackendsDefaultServerLine() throws Exception {
        String config = HaproxyConfig.render("public", HASH, spec(EVERY_KIND), BACKENDS, List.of());

        assertEquals("check inter 30s fall 2 rise 5 slowstart 30s pool-max-conn -1 pool-purge-delay 5s",
                HaproxyConfig.serverOptions(config, "http-web"), "the ALB's defaults, the stack's slowStart");
        assertEquals(HaproxyConfig.serverOptions(config, "http-api"), HaproxyConfig.serverOptions(config, "tcp-api"));
    }

    @Test
    void aBackendNamesTheServiceWhoseTasksItHolds() {
        assertEquals("web", HaproxyConfig.service("http-web"));
        assertEquals("db-primary", HaproxyConfig.service("tcp-db-primary"));
        assertEquals(null, HaproxyConfig.service("fixed-404"));
    }

    /** {@code haproxy -c} on the configuration, its paths moved under the test's directory. */
    private void assertHaproxyAccepts(String config) throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("certs"));
        Files.writeString(root.resolve("certs/8443.pem"), SelfSignedCertificate.in(dir).pem());
        String local = config.replace(HaproxyConfig.DIRECTORY, root.toString())
                .replace(HaproxyConfig.STATE_FILE, root.resolve("state").toString())
                .replace(HaproxyConfig.ADMIN_SOCKET, root.resolve("admin.sock").toString());
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), local);
        Process check = new ProcessBuilder("haproxy", "-c", "-f", file.toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new AssertionFailedError("haproxy refuses the configuration: " + out + "\n" + config);
        }
    }
}
