package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * berth import compose on the real compose files of the corpus and on files written here for one
 * syntax each: what compose means lands in the stack, and what does not carry over is said twice,
 * as a comment where it applies and as a positioned warning. The working directory is cli/.
 */
class ComposeImportCommandTest {
    /**
     * Values for the variables nothing in the corpus gives: n8n's .env has no N8N_VERSION (compose
     * would run n8n with an empty tag), and the AI starter kit's .env is made by its users.
     */
    static final Map<String, List<String>> VARS = Map.of("04-n8n-postgres-worker.yml", List.of("--var", "N8N_VERSION=1"),
            "08-n8n-ai-starter-kit.yml", List.of("--var", "POSTGRES_USER=n8n", "--var", "POSTGRES_PASSWORD=secret",
                    "--var", "POSTGRES_DB=n8n", "--var", "N8N_ENCRYPTION_KEY=key", "--var",
                    "N8N_USER_MANAGEMENT_JWT_SECRET=jwt"));

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyCorpusFileImportsIntoAStackThatValidates() {
        return ComposeCorpus.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path stack = dir.resolve(name + ".yaml");
            List<String> vars = VARS.getOrDefault(name, List.of());
            CommandRun run = ComposeCorpus.importCompose(ComposeCorpus.copy(name, dir), stack,
                    vars.toArray(String[]::new));
            assertEquals(ExitCodes.OK, run.exitCode(), run.err());
            assertTrue(run.out().startsWith("wrote " + stack), run.out());
            assertTrue(Files.readString(stack).startsWith("# yaml-language-server: $schema="));
            List<String> validate = new java.util.ArrayList<>(List.of("validate", stack.toString()));
            validate.addAll(vars);
            CommandRun valid = CommandRun.of(validate.toArray(String[]::new));
            assertEquals(ExitCodes.OK, valid.exitCode(), valid.err());
        }));
    }

    @Test
    void replicasAndUpdateConfigBecomeTheServicesDesiredCountAndDeploymentConfiguration() throws IOException {
        JsonNode stack = imported("05-atsea-docker-stack.yml");
        JsonNode appserver = stack.at("/services/appserver");
        assertEquals(2, appserver.get("desiredCount").asInt());
        // parallelism 2 of 2 replicas, stop-first (swarm's default order): all may stop, none extra start.
        assertEquals(0, appserver.at("/deploymentConfiguration/minimumHealthyPercent").asInt());
        assertEquals(100, appserver.at("/deploymentConfiguration/maximumPercent").asInt());
        assertTrue(appserver.at("/deploymentConfiguration/deploymentCircuitBreaker/rollback").asBoolean());
        assertEquals(90, stack.at("/taskDefinitions/visualizer/containerDefinitions/0/stopTimeout").asInt(),
                "stop_grace_period 1m30s");
        assertEquals("reverse_proxy", stack.at("/services/reverse-proxy/taskDefinition").asText());
    }

    @Test
    void healthChecksPortsEnvironmentVolumesAndNetworksLandWhereTheStackHasThem() throws IOException {
        JsonNode stack = imported("01-example-voting-app.yml");
        JsonNode vote = stack.at("/taskDefinitions/vote/containerDefinitions/0");
        assertEquals("[\"CMD\",\"curl\",\"-f\",\"http://localhost\"]", vote.at("/healthCheck/command").toString());
        assertEquals(15, vote.at("/healthCheck/interval").asInt());
        assertEquals(5, vote.at("/healthCheck/timeout").asInt());
        assertEquals(3, vote.at("/healthCheck/retries").asInt());
        assertEquals(10, vote.at("/healthCheck/startPeriod").asInt());
        assertEquals("[{\"containerPort\":80,\"hostPort\":8080}]", vote.get("portMappings").toString());
        assertEquals("[\"CMD-SHELL\",\"/healthchecks/redis.sh\"]",
                stack.at("/taskDefinitions/redis/containerDefinitions/0/healthCheck/command").toString());
        JsonNode db = stack.at("/taskDefinitions/db");
        assertEquals("postgres", db.at("/containerDefinitions/0/environment/POSTGRES_USER").asText());
        assertEquals("{\"name\":\"imported_db-data\",\"dockerVolumeConfiguration\":{\"scope\":\"shared\",\"autoprovision\":true}}",
                db.at("/volumes/0").toString());
        assertTrue(db.at("/volumes/1/host/sourcePath").asText().endsWith("/01-example-voting-app/healthchecks"));
        // vote and result are on both networks: one namespace keeps every pair that could talk.
        assertEquals("{\"front-tier\":{\"cluster\":\"main\"}}", stack.get("namespaces").toString());
        assertEquals("front-tier", stack.at("/services/redis/namespace").asText());
        assertEquals(0, stack.at("/services/seed/desiredCount").asInt(), "a service of a profile does not start");
        assertEquals(1, stack.at("/services/vote/desiredCount").asInt());
        assertEquals("imported-vote", vote.get("image").asText(), "the name compose gives the image it builds");
    }

    @Test
    void whatDoesNotMapIsACommentWhereItAppliesAndAPositionedWarningOnStderr() throws IOException {
        Path compose = ComposeCorpus.copy("01-example-voting-app.yml", dir);
        Path stack = dir.resolve("voting.yaml");
        CommandRun run = ComposeCorpus.importCompose(compose, stack);
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        String written = Files.readString(stack);
        String portNote = "not imported ports[1] \"127.0.0.1:9229:9229\": berth publishes ports on every address of the "
                + "host, and this one is bound to 127.0.0.1 only";
        assertTrue(run.err().contains(":38:9: warning: " + portNote), run.err());
        assertFalse(run.err().contains("depends_on"), "service_healthy is berth's own order:\n" + run.err());
        assertEquals("[\"redis\",\"db\"]", read(stack).at("/services/worker/dependsOn").toString());
        // Above the container it concerns, with where it stands in the compose file.
        int result = written.indexOf("name: result");
        int note = written.indexOf("compose.yml:38:9: " + portNote);
        assertTrue(note > 0 && note < result && written.lastIndexOf("containerDefinitions:", result) < note, written);
        assertTrue(written.contains("not imported build: berth runs images, it does not build them; build and push "
                + "imported-worker first"), written);
    }

    @Test
    void aRunOnceJobOthersWaitForToCompleteIsAnInitContainerOfTheirTask() throws IOException {
        JsonNode stack = imported("08-n8n-ai-starter-kit.yml");
        JsonNode n8n = stack.at("/taskDefinitions/n8n/containerDefinitions");
        assertEquals("[{\"containerName\":\"n8n-import\",\"condition\":\"SUCCESS\"}]", n8n.at("/0/dependsOn").toString());
        assertEquals("n8n-import", n8n.at("/1/name").asText());
        assertFalse(n8n.at("/1/essential").asBoolean());
        assertEquals("[\"/bin/sh\"]", n8n.at("/1/entryPoint").toString(), "from the job, not from the anchor it merges");
        assertTrue(n8n.at("/1/command/1").asText().startsWith("n8n import:credentials"));
        assertFalse(stack.get("services").has("n8n-import"));
        assertEquals("${N8N_ENCRYPTION_KEY}", n8n.at("/0/environment/N8N_ENCRYPTION_KEY").asText(),
                "a bare name passes the value through from where compose runs, here where berth applies");
        assertEquals(0, stack.at("/services/ollama-cpu/desiredCount").asInt());
    }

    @Test
    void composeShortAndLongSyntaxesInterpolationAndRunOnceJobsCarryOver() throws IOException {
        Path project = Files.createDirectories(dir.resolve("syntaxes"));
        Files.writeString(project.resolve(".env"), "TAG=1.2\n# a comment\nexport LEVEL='debug'\n");
        Files.writeString(project.resolve("app.env"), "FROM_FILE=yes\nOVERRIDDEN=file\n");
        Path compose = Files.writeString(project.resolve("compose.yaml"), """
                name: Shop_App
                x-common: &common
                  environment: {SHARED: "1"}
                services:
                  web:
                    <<: *common
                    image: "example/web:${TAG:-latest}"
                    command: sh -c 'echo "$$HOME" && exec httpd -f'
                    ports:
                      - "80/tcp"
                      - {target: 53, protocol: udp}
                      - "0.0.0.0::9000"
                      - "7000-7002"
                    environment:
                      - LEVEL=${LEVEL}
                      - PORT=${PORT:-8080}
                      - OVERRIDDEN=environment
                      - FROM_SHELL
                    env_file: [app.env]
                    healthcheck:
                      test: wget -q -O - http://127.0.0.1/ || exit 1
                      interval: 1m30s
                      timeout: 500ms
                      retries: 20
                    depends_on:
                      migrate: {condition: service_completed_successfully}
                      cache: {condition: service_started}
                    deploy:
                      replicas: 3
                      update_config: {parallelism: 1, order: start-first, delay: 10s}
                      resources: {limits: {memory: 256M, cpus: "0.5"}}
                    extra_hosts: ["db:10.0.0.5", "v6=::1"]
                    x-owner: team-a
                  migrate:
                    image: example/migrate
                    command: ["migrate", "--up"]
                  cache:
                    image: redis
                    healthcheck: {test: ["CMD", "redis-cli", "ping"], disable: false}
                    stop_grace_period: 1m30s
                    ports:
                      - {target: 6379, published: "6380", host_ip: "0.0.0.0"}
                      - "${METRICS_PORT:-9121}:9121"
                """);
        Path stack = dir.resolve("syntaxes.yaml");
        CommandRun run = ComposeCorpus.importCompose(compose, stack, "--var", "FROM_SHELL=x", "--image",
                "cache=example/cache:7", "--image", "example/migrate=mirror.example/migrate:2");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        JsonNode written = read(stack);
        assertEquals("shop-app", written.get("stack").asText(), "compose's name, as a berth name");
        assertEquals("{\"TAG\":{\"default\":\"1.2\"},\"LEVEL\":{\"default\":\"debug\"},\"PORT\":{\"default\":\"8080\"},"
                + "\"METRICS_PORT\":{\"default\":\"9121\"},\"FROM_SHELL\":{\"required\":true}}",
                written.get("variables").toString(), ".env wins over :-");
        assertTrue(Files.readString(stack).contains("/syntaxes/.env:1:1: changed .env: the defaults of variables TAG, LEVEL "
                + "come from it; keep the stack as private as that file"), "a note in the stack's header");
        JsonNode web = written.at("/taskDefinitions/web/containerDefinitions/0");
        assertEquals("example/web:${TAG}", web.get("image").asText());
        assertEquals("[\"sh\",\"-c\",\"echo \\\"$HOME\\\" && exec httpd -f\"]", web.get("command").toString());
        assertEquals("[{\"containerPort\":80,\"hostPort\":0},{\"containerPort\":53,\"hostPort\":0,"
                + "\"protocol\":\"udp\"},{\"containerPort\":9000,\"hostPort\":0},{\"containerPortRange\":\"7000-7002\"}]",
                web.get("portMappings").toString(), "a range without host ports is one on dynamic host ports");
        assertEquals("{\"LEVEL\":\"${LEVEL}\",\"PORT\":\"${PORT}\",\"OVERRIDDEN\":\"environment\","
                + "\"FROM_SHELL\":\"${FROM_SHELL}\"}", web.get("environment").toString(),
                "environment replaces what the merge key brought, as in compose");
        assertEquals("[{\"value\":\"syntaxes/app.env\",\"type\":\"file\"}]", web.get("environmentFiles").toString(),
                "env_file, relative to the stack; environment wins over it there too");
        assertEquals("{\"command\":[\"CMD-SHELL\",\"wget -q -O - http://127.0.0.1/ || exit 1\"],\"interval\":90,"
                + "\"timeout\":2,\"retries\":10}", web.get("healthCheck").toString());
        assertEquals(256, web.get("memory").asInt());
        assertEquals("[{\"hostname\":\"db\",\"ipAddress\":\"10.0.0.5\"},{\"hostname\":\"v6\",\"ipAddress\":\"::1\"}]",
                web.get("extraHosts").toString());
        assertEquals("[{\"containerName\":\"migrate\",\"condition\":\"SUCCESS\"}]", web.get("dependsOn").toString());
        JsonNode migrate = written.at("/taskDefinitions/web/containerDefinitions/1");
        assertEquals("migrate", migrate.get("name").asText(), "a run-once job runs before the container waiting for it");
        assertEquals("mirror.example/migrate:2", migrate.get("image").asText(), "--image by the image the file names");
        assertFalse(migrate.get("essential").asBoolean());
        assertFalse(written.at("/services").has("migrate"), "it is not a service: berth would restart it forever");
        JsonNode service = written.at("/services/web");
        assertEquals(3, service.get("desiredCount").asInt());
        assertEquals("[\"cache\"]", service.get("dependsOn").toString(), "a wait between long-running services");
        assertEquals("{\"minimumHealthyPercent\":100,\"maximumPercent\":134,\"deploymentCircuitBreaker\":"
                + "{\"enable\":true,\"rollback\":false}}", service.get("deploymentConfiguration").toString());
        JsonNode cache = written.at("/taskDefinitions/cache/containerDefinitions/0");
        assertEquals("example/cache:7", cache.get("image").asText());
        assertEquals(90, cache.get("stopTimeout").asInt());
        assertEquals("[{\"containerPort\":6379,\"hostPort\":6380},{\"containerPort\":9121,\"hostPort\":"
                + "\"${METRICS_PORT}\"}]", cache.get("portMappings").toString());
        assertEquals("{\"minimumHealthyPercent\":0,\"maximumPercent\":100}",
                written.at("/services/cache/deploymentConfiguration").toString(),
                "compose stops a container before its replacement takes the host port");
        for (String note : List.of("changed healthcheck.timeout \"500ms\" to 2 s", "changed healthcheck.retries 20 to 10",
                "not imported deploy.update_config.delay", "not imported deploy.resources.limits.cpus",
                "changed depends_on cache (service_started): berth starts web once cache's deployment completed "
                        + "(tasks running, healthy where checked), later than compose would")) {
            assertTrue(run.err().contains(note), note + "\n" + run.err());
        }
        assertFalse(run.err().contains("x-owner"), "extension fields are for tools to ignore");
        assertFalse(run.err().contains("yes") || run.err().contains("debug"), "values are not echoed:\n" + run.err());
    }

    @Test
    void envFilesBecomeEnvironmentFilesLastFirstUnlessOneReadsDifferentlyOnEcs() throws IOException {
        Path project = Files.createDirectories(dir.resolve("envfiles"));
        Files.writeString(project.resolve("base.env"), "LEVEL=info\n");
        Files.writeString(project.resolve("local.env"), "LEVEL=debug\n");
        Files.writeString(project.resolve("quoted.env"), "GREETING=\"hi there\"\n");
        Path compose = Files.writeString(project.resolve("compose.yaml"), """
                services:
                  web: {image: example/web, env_file: [base.env, local.env]}
                  worker: {image: example/worker, env_file: [base.env, quoted.env]}
                """);
        Path stack = dir.resolve("envfiles.yaml");
        CommandRun run = ComposeCorpus.importCompose(compose, stack);

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        JsonNode written = read(stack);
        assertEquals("[{\"value\":\"envfiles/local.env\",\"type\":\"file\"},{\"value\":\"envfiles/base.env\","
                + "\"type\":\"file\"}]", written.at("/taskDefinitions/web/containerDefinitions/0/environmentFiles")
                .toString(), "compose's later file wins, ECS's earlier one");
        JsonNode worker = written.at("/taskDefinitions/worker/containerDefinitions/0");
        assertTrue(worker.path("environmentFiles").isMissingNode(), worker.toString());
        assertEquals("{\"LEVEL\":\"info\",\"GREETING\":\"hi there\"}", worker.get("environment").toString(),
                "ECS would keep the quotes, so the values are copied as compose reads them");
        assertTrue(run.err().contains("reads differently as an ECS environment file"), run.err());
        assertEquals(ExitCodes.OK, CommandRun.of("validate", stack.toString()).exitCode());
    }

    @Test
    void unreadableComposeInputIsOnePositionedErrorAndNoStack() throws IOException {
        Path compose = Files.writeString(dir.resolve("bad.yml"), "services:\n  web:\n    image: \"a:${TAG:+x}\"\n");
        Path stack = dir.resolve("bad.yaml");
        CommandRun run = ComposeCorpus.importCompose(compose, stack);
        assertEquals(ExitCodes.ERROR, run.exitCode());
        assertEquals(DiagnosticFormat.display(compose) + ":3:15: error: ${VAR:+replacement} has no berth equivalent; "
                + "replace it with a value or ${VAR}\n", run.err());
        assertFalse(Files.exists(stack));

        Files.writeString(compose, "services:\n  web:\n    image: a\n    image: b\n");
        CommandRun duplicate = ComposeCorpus.importCompose(compose, stack);
        assertEquals(ExitCodes.ERROR, duplicate.exitCode());
        assertTrue(duplicate.err().startsWith(DiagnosticFormat.display(compose) + ":4:5: error: duplicate key \"image\""),
                duplicate.err());

        StringBuilder laughs = new StringBuilder("x-0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 9; i++) {
            laughs.append("x-").append(i).append(": &l").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*l" + (i - 1)))).append("]\n");
        }
        Files.writeString(compose, laughs.append("services: {web: {image: a}}\n"));
        long started = System.nanoTime();
        CommandRun bomb = ComposeCorpus.importCompose(compose, stack);
        assertEquals(ExitCodes.ERROR, bomb.exitCode());
        assertTrue(bomb.err().matches("(?s)" + java.util.regex.Pattern.quote(DiagnosticFormat.display(compose))
                + ":\\d+:\\d+: error: aliases and merge keys expand to more than 20000 nodes.*"), bomb.err());
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "the stack loader's bounds hold for compose files too");

        Files.writeString(compose, "services:\n  web:\n    image: a\n    ports: {http: 80}\n    healthcheck: [true]\n");
        CommandRun misshapen = ComposeCorpus.importCompose(compose, stack);
        assertEquals(DiagnosticFormat.display(compose) + ":4:12: error: services.web.ports must be a list in a compose file\n"
                + DiagnosticFormat.display(compose) + ":5:18: error: services.web.healthcheck must be a mapping in a "
                + "compose file\n", misshapen.err());

        Files.writeString(compose, "services:\n  web:\n    image: a\n    environment: [{A: b}]\n    networks: [[front]]\n");
        assertEquals(DiagnosticFormat.display(compose) + ":4:19: error: services.web.environment.0 must be NAME=VALUE or "
                + "NAME in a compose file\n" + DiagnosticFormat.display(compose) + ":5:16: error: services.web.networks.0 "
                + "must be a name in a compose file\n", ComposeCorpus.importCompose(compose, stack).err());

        Files.writeString(compose, "services:\n  web_1: {image: a}\n  web-1: {image: b}\n");
        assertEquals(DiagnosticFormat.display(compose) + ":3:3: error: service \"web-1\" would have the berth name web-1 "
                + "of another service; rename one of them\n", ComposeCorpus.importCompose(compose, stack).err());

        Path nowhere = dir.resolve("missing/stack.yaml");
        Files.writeString(compose, "services: {web: {image: a}}\n");
        CommandRun unwritable = ComposeCorpus.importCompose(compose, nowhere);
        assertEquals(ExitCodes.ERROR, unwritable.exitCode());
        assertEquals("berth: error: cannot write " + nowhere + ": no such directory\n", unwritable.err());

        Files.writeString(compose, "volumes: {}\n");
        CommandRun noServices = ComposeCorpus.importCompose(compose, stack);
        assertEquals(DiagnosticFormat.display(compose) + ":1:1: error: not a compose file: it has no services mapping\n",
                noServices.err());
    }

    private JsonNode imported(String name) throws IOException {
        Path stack = dir.resolve(name + ".yaml");
        CommandRun run = ComposeCorpus.importCompose(ComposeCorpus.copy(name, dir), stack,
                VARS.getOrDefault(name, List.of()).toArray(String[]::new));
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        return read(stack);
    }

    static JsonNode read(Path stack) throws IOException {
        return new ObjectMapper().valueToTree(new Yaml().load(Files.readString(stack)));
    }
}
