package dev.berth.schema;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.schema.binding.JacksonOracle;
import dev.berth.schema.source.Diagnostic;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real ECS task definitions (ecs-corpus/ecs, provenance in ecs-corpus/SOURCES.md), each pasted as
 * it is into a stack the way the README says: a task definition or describe-task-definition output
 * as the value of its family under taskDefinitions, a Terraform container_definitions array as a
 * task definition's containerDefinitions. Terraform's ${name} placeholders are berth variables, so
 * the stack declares them. Each file either loads or fails with exactly the errors listed here,
 * positioned by line and column of the JSON file.
 */
class EcsCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final String AWS_SECRET = "Secrets Manager and SSM Parameter Store references (ARNs, parameter names)";

    /** The files that do not load, with every error: AWS-only features, and the few real mistakes. */
    private static final Map<String, List<String>> REFUSED = Map.ofEntries(
            entry("01-deploy-action-volume-configuration.json", List.of("36:29 configuredAtLaunch: AWS-only, refused when true")),
            // an ecspresso {{ }} template berth does not render
            entry("02-ecspresso-td-plain.json", List.of(
                    "40:16 (it contains a {{ }} template placeholder at character 23, which berth does not render",
                    "60:3 proxyConfiguration: AWS-only, refused")),
            entry("03-ecspresso-daemon-host.json", List.of("28:24 " + AWS_SECRET,
                    "32:24 " + AWS_SECRET,
                    "36:24 " + AWS_SECRET)),
            entry("04-firelens-efs.json", List.of("24:34 logDriver: AWS-only, refused: awsfirelens",
                    "51:17 firelensConfiguration: AWS-only, refused",
                    "63:17 efsVolumeConfiguration: AWS-only, refused")),
            entry("05-firelens-appmesh-envoy.json", List.of("3:5 proxyConfiguration: AWS-only, refused",
                    "33:15 firelensConfiguration: AWS-only, refused",
                    "110:24 logDriver: AWS-only, refused: awsfirelens")),
            entry("06-firelens-healthcheck-tcp.json", List.of("10:4 firelensConfiguration: AWS-only, refused",
                    "39:17 logDriver: AWS-only, refused: awsfirelens")),
            entry("07-firelens-multi-config.json", List.of("10:13 firelensConfiguration: AWS-only, refused",
                    "59:30 logDriver: AWS-only, refused: awsfirelens")),
            entry("10-describe-witp-server.json", List.of("10:34 " + AWS_SECRET,
                    "14:34 " + AWS_SECRET,
                    "18:34 " + AWS_SECRET,
                    "22:34 " + AWS_SECRET,
                    "26:34 " + AWS_SECRET,
                    "30:34 " + AWS_SECRET)),
            // container memory above the task's, which ECS refuses too
            entry("11-describe-banbury-cloud.json", List.of("8:23 has memory 1024 MiB, more than the 512 MiB of task definition",
                    "77:15 reserve 1024 MiB in total")),
            entry("12-watchman-java-secrets-healthcheck.json", List.of("61:24 " + AWS_SECRET,
                    "65:24 " + AWS_SECRET)),
            entry("13-tf-array-skole-infra.json", List.of("24:22 " + AWS_SECRET,
                    "28:22 " + AWS_SECRET,
                    "32:22 " + AWS_SECRET,
                    "36:22 " + AWS_SECRET,
                    "40:22 " + AWS_SECRET,
                    "44:22 " + AWS_SECRET,
                    "48:22 " + AWS_SECRET,
                    "52:22 " + AWS_SECRET,
                    "56:22 " + AWS_SECRET,
                    "60:22 " + AWS_SECRET,
                    "64:22 " + AWS_SECRET,
                    "68:22 " + AWS_SECRET,
                    "72:22 " + AWS_SECRET,
                    "76:22 " + AWS_SECRET)),
            entry("19-ecs-agent-repository-credentials.json", List.of("7:55 " + AWS_SECRET)),
            // Docker runs no health check that starts with neither CMD nor CMD-SHELL
            entry("23-adot-collector-fargate-sidecar.json",
                    List.of("22:22 command item: \"/healthcheck\" is not allowed; use one of: CMD, CMD-SHELL, NONE")),
            entry("25-cwagent-statsd-fargate-secrets.json", List.of("31:34 " + AWS_SECRET)),
            // a Windows task definition
            entry("26-datadog-agent-windows-npipe.json", List.of("11:28 Windows paths",
                    "31:23 Windows paths")),
            // the secrets' ARNs are ${placeholders}, given the value example here
            entry("28-tf-array-pagopa-environment-files.json", List.of("13:29 type: AWS-only, refused: the ECS agent downloads environment files from S3",
                    "53:23 " + AWS_SECRET,
                    "57:23 " + AWS_SECRET,
                    "61:22 " + AWS_SECRET)));

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyTaskDefinitionLoadsOrFailsWithExactlyItsListedErrors() throws IOException {
        return files().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    @Test
    void theCorpusHasAtLeastTwentyTaskDefinitions() throws IOException {
        assertTrue(files().count() >= 20);
    }

    private void check(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Wrapped wrapped = wrap(file, text);
        Path stack = Files.writeString(dir.resolve(file.getFileName() + ".yaml"), wrapped.stack());
        LoadedStack loaded = StackLoader.load(stack, VariableInputs.none());
        List<String> errors = loaded.errors().stream().map(d -> wrapped.where(d) + " " + d.message()).toList();
        List<String> expected = REFUSED.getOrDefault(file.getFileName().toString(), List.of());
        assertEquals(expected.size(), errors.size(), () -> "errors of " + file.getFileName() + ": " + errors);
        for (int i = 0; i < expected.size(); i++) {
            String want = expected.get(i);
            String got = errors.get(i);
            String where = want.substring(0, want.indexOf(' '));
            assertTrue(got.startsWith(where) && got.contains(want.substring(where.length() + 1)),
                    () -> file.getFileName() + ": expected \"" + want + "\", got \"" + got + "\"");
        }
        if (loaded.valid()) {
            JacksonOracle.assertAgrees(loaded, file.getFileName().toString());
        }
        for (Diagnostic warning : loaded.diagnostics()) {
            if (warning.severity() == Diagnostic.Severity.warning) {
                assertTrue(warning.message().contains(": AWS-only, ignored: ")
                                || warning.message().startsWith("logDriver awslogs"),
                        () -> file.getFileName() + ": unexpected warning " + warning);
            }
        }
    }

    /**
     * The stack around a pasted file, and how to map its positions back into the file: the file's
     * text starts right after "  KEY: " (blank lines before it dropped, as a paste would).
     */
    private static Wrapped wrap(Path file, String text) throws IOException {
        String pasted = text.replaceFirst("^(\\s*\\n)+", "");
        JsonNode json = JSON.readTree(pasted);
        StringBuilder stack = new StringBuilder("version: 1\nstack: corpus\n");
        TreeSet<String> placeholders = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(pasted);
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        if (!placeholders.isEmpty()) {
            stack.append("variables:\n");
            placeholders.forEach(name -> stack.append("  ").append(name).append(": {default: example}\n"));
        }
        stack.append("taskDefinitions:\n");
        String prefix;
        if (json.isArray()) {
            String name = file.getFileName().toString().replaceFirst("^[0-9]+-", "").replaceFirst("\\.json$", "");
            stack.append("  ").append(name).append(":\n");
            prefix = "    containerDefinitions: ";
        } else {
            JsonNode definition = json.has("taskDefinition") ? json.get("taskDefinition") : json;
            prefix = "  " + definition.path("family").asText() + ": ";
        }
        int firstLine = (int) stack.chars().filter(c -> c == '\n').count() + 1;
        int skipped = (int) text.substring(0, text.length() - pasted.length()).chars().filter(c -> c == '\n').count();
        stack.append(prefix).append(pasted);
        return new Wrapped(stack.toString(), firstLine, skipped, prefix.length());
    }

    private record Wrapped(String stack, int firstLine, int skippedLines, int prefixLength) {
        /** LINE:COL in the pasted file. */
        String where(Diagnostic d) {
            int line = d.position().line() - firstLine;
            int column = line == 0 ? d.position().column() - prefixLength : d.position().column();
            return (line + 1 + skippedLines) + ":" + column;
        }
    }

    private static Stream<Path> files() throws IOException {
        try (Stream<Path> entries = Files.list(corpus())) {
            return entries.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    private static Path corpus() {
        try {
            return Path.of(EcsCorpusTest.class.getResource("/ecs-corpus/ecs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
