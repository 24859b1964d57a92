package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.berth.cli.render.ClusterJsonRenderer;
import dev.berth.cli.render.ClusterTextRenderer;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.placement.ClusterReport;
import dev.berth.planner.revision.RevisionHistory;
import dev.berth.planner.revision.RevisionResolver;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.model.Stack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCommandTest {
    private static final long GIB = 1024L * 1024L * 1024L;
    private static final String STACK = """
            version: 1
            stack: shop
            clusters:
              main:
                hosts:
                  - name: h1
                    endpoint: "tcp://127.0.0.1:9"
                    attributes: {zone: a}
                    reserved: {cpu: 512, memory: 1024}
                  - {name: h2, endpoint: "tcp://127.0.0.1:9", attributes: {zone: b}}
            taskDefinitions:
              web:
                containerDefinitions:
                  - {name: app, image: "example/web:1", cpu: 256, memory: 512, memoryReservation: 256}
                  - {name: sidecar, image: "example/log:1", cpu: 128, memory: 128}
            services:
              web: {cluster: main, taskDefinition: web, desiredCount: 2}
            """;

    @TempDir
    Path dir;

    private LoadedStack stack() throws IOException {
        LoadedStack loaded = StackLoader.load(Files.writeString(dir.resolve("stack.yaml"), STACK), VariableInputs.none());
        assertTrue(loaded.valid(), loaded.diagnostics().toString());
        return loaded;
    }

    /** h1 answers and runs one task of web's current revision; h2 does not answer. */
    private ClusterReport report() throws IOException {
        Stack canonical = stack().canonical();
        String specHash = new RevisionResolver(new RevisionHistory(List.of())).resolve(canonical, List.of()).families()
                .get("web").specHash();
        ObservedState observed = new ObservedState("shop",
                List.of(new ObservedHost("main", "h1", "tcp://127.0.0.1:9", true, null,
                                new ObservedHost.HostInfo(4, 8 * GIB, "linux", "x86_64", "27.0")),
                        new ObservedHost("main", "h2", "tcp://127.0.0.1:9", false, "connection refused", null)),
                List.of(new ObservedTask("t1", "main", "h1", "web", "web", 1, specHash, List.of(new ObservedContainer(
                        "c1", "t1-app", "app", "running", null, null, Map.of(), List.of(), null)))),
                List.of(), List.of(), List.of());
        return ClusterReport.of(canonical, observed);
    }

    @Test
    void textShowsCapacityReservedUsedAndFreePerHostWithAttributes() throws IOException {
        String text = new ClusterTextRenderer(false).render(report());

        assertEquals("""
                cluster main (CPU in units of 1/1024 CPU, memory in MiB)
                  HOST  ENDPOINT           STATE         CPU  RESERVED  USED  FREE  MEMORY  RESERVED  USED  FREE  TASKS
                  h1    tcp://127.0.0.1:9  ok           4096       512   384  3200    8192      1024   384  6784      1
                  h2    tcp://127.0.0.1:9  unreachable     -         -     -     -       -         -     -     -      -
                  h1: berth.arch=x86_64, berth.engine-version=27.0, berth.host=h1, berth.os=linux, instanceId=h1, zone=a
                  h2: unreachable (connection refused); berth.host=h2, instanceId=h2, zone=b
                """, text);
    }

    @Test
    void jsonMatchesItsSchema() throws IOException {
        JsonNode document = new ObjectMapper().readTree(new ClusterJsonRenderer().render(report()));

        assertEquals(Set.of(), schema().validate(document));
        JsonNode h1 = document.get("clusters").get(0).get("hosts").get(0);
        assertEquals(3200, h1.get("cpu").get("free").asInt());
        assertEquals("a", h1.get("attributes").get("zone").asText());
    }

    @Test
    void runsAgainstHostsThatDoNotAnswerAndReportsThem() throws IOException {
        stack();
        CommandRun run = CommandRun.of("cluster", dir.resolve("stack.yaml").toString(), "--format", "json");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        JsonNode document = new ObjectMapper().readTree(run.out());
        assertEquals(Set.of(), schema().validate(document));
        JsonNode hosts = document.get("clusters").get(0).get("hosts");
        assertEquals(List.of("h1", "h2"), List.of(hosts.get(0).get("name").asText(), hosts.get(1).get("name").asText()));
        assertEquals(false, hosts.get(0).get("reachable").asBoolean());
        assertTrue(hosts.get(0).get("error").isTextual());
    }

    private static JsonSchema schema() throws IOException {
        try (InputStream in = ClusterCommandTest.class.getResourceAsStream("/dev/berth/schema/json/cluster-v1.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }
}
