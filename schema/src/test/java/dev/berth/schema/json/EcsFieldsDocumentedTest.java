package dev.berth.schema.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's tables of ECS fields say of each what the schema says (executed, ignored with a
 * warning, refused), and leave none of ECS's RegisterTaskDefinition out. The working directory is schema/.
 */
class EcsFieldsDocumentedTest {
    /** RegisterTaskDefinition's request fields, as the ECS API reference lists them. */
    private static final List<String> ECS_TASK_FIELDS = List.of("family", "taskRoleArn", "executionRoleArn",
            "networkMode", "containerDefinitions", "volumes", "placementConstraints", "requiresCompatibilities", "cpu",
            "memory", "tags", "pidMode", "ipcMode", "proxyConfiguration", "inferenceAccelerators", "ephemeralStorage",
            "runtimePlatform", "enableFaultInjection");
    /** ContainerDefinition's fields, as the ECS API reference lists them. */
    private static final List<String> ECS_CONTAINER_FIELDS = List.of("name", "image", "repositoryCredentials", "cpu",
            "memory", "memoryReservation", "links", "portMappings", "essential", "restartPolicy", "entryPoint",
            "command", "environment", "environmentFiles", "mountPoints", "volumesFrom", "linuxParameters", "secrets",
            "dependsOn", "startTimeout", "stopTimeout", "versionConsistency", "hostname", "user", "workingDirectory",
            "disableNetworking", "privileged", "readonlyRootFilesystem", "dnsServers", "dnsSearchDomains", "extraHosts",
            "dockerSecurityOptions", "interactive", "pseudoTerminal", "dockerLabels", "ulimits", "logConfiguration",
            "healthCheck", "systemControls", "resourceRequirements", "firelensConfiguration", "credentialSpecs");
    private static final List<String> ECS_LINUX_PARAMETERS = List.of("capabilities", "devices", "initProcessEnabled",
            "maxSwap", "sharedMemorySize", "swappiness", "tmpfs");
    private static final Pattern FIELD = Pattern.compile("`([A-Za-z.]+)`");

    private static String readme;

    @BeforeAll
    static void load() throws IOException {
        StackSchemaFileTest.loadSchema();
        readme = Files.readString(Path.of("..", "README.md"));
    }

    @Test
    void theSchemaDeclaresEveryFieldOfRegisterTaskDefinition() {
        List<String> missing = new ArrayList<>();
        ECS_TASK_FIELDS.stream().filter(f -> !properties("taskDefinition").containsKey(f)).forEach(missing::add);
        ECS_CONTAINER_FIELDS.stream().filter(f -> !properties("containerDefinition").containsKey(f)).forEach(missing::add);
        ECS_LINUX_PARAMETERS.stream().filter(f -> !properties("linuxParameters").containsKey(f))
                .map(f -> "linuxParameters." + f).forEach(missing::add);
        assertEquals(List.of(), missing);
    }

    @Test
    void theTaskDefinitionTableSaysWhatTheSchemaSaysOfEachField() {
        assertEquals(properties("taskDefinition"), table("Task definition fields:"));
    }

    @Test
    void theContainerTableSaysWhatTheSchemaSaysOfEachField() {
        Map<String, String> expected = properties("containerDefinition");
        expected.remove("linuxParameters");
        properties("linuxParameters").forEach((name, status) -> expected.put("linuxParameters." + name, status));
        assertEquals(expected, table("Container fields ("));
    }

    /** Each property of a {@code $defs} object and what berth does with it, as its schema says. */
    private static Map<String, String> properties(String definition) {
        Map<String, String> statuses = new TreeMap<>();
        StackSchemaFileTest.schemaJson.at("/$defs/" + definition + "/properties").properties()
                .forEach(p -> statuses.put(p.getKey(), status(StackSchemaFileTest.resolve(p.getValue()))));
        return statuses;
    }

    private static String status(JsonNode property) {
        String description = property.path("description").asText();
        if (property.path("deprecated").asBoolean(false)) {
            return "ignored";
        }
        return description.startsWith("AWS-only, refused") || description.startsWith("Not supported by berth yet: ")
                ? "refused" : "executed";
    }

    /** The README table after the line starting with {@code heading}: each field named in a row's first cell, with its second. */
    private static Map<String, String> table(String heading) {
        int start = readme.indexOf("\n" + heading);
        assertTrue(start >= 0, "no line starting with " + heading + " in README.md");
        Map<String, String> statuses = new TreeMap<>();
        List<String> lines = readme.substring(start + 1).lines().skip(1).dropWhile(String::isBlank)
                .takeWhile(line -> line.startsWith("|")).skip(2).toList();
        for (String line : lines) {
            String[] cells = line.split(" \\| ");
            Matcher names = FIELD.matcher(cells[0]);
            while (names.find()) {
                String previous = statuses.put(names.group(1), cells[1].strip());
                assertEquals(null, previous, names.group(1) + " is in two rows");
            }
        }
        return statuses;
    }
}
