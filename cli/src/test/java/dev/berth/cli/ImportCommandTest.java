package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * berth import ecs on the ECS corpus (schema/src/test/resources/ecs-corpus): every file becomes a
 * stack that validates, except those whose problem no import can mend, and the stack says what did
 * not carry over. The working directory is cli/.
 */
class ImportCommandTest {
    private static final Path CORPUS = Path.of("../schema/src/test/resources/ecs-corpus/ecs");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** What stops these after the import: the same errors as when they are pasted (EcsCorpusTest). */
    private static final Map<String, String> INVALID = Map.of(
            "02-ecspresso-td-plain.json", "(it contains a {{ }} template placeholder at character 23",
            "11-describe-banbury-cloud.json", "has memory 1024 MiB, more than the 512 MiB of task definition",
            "23-adot-collector-fargate-sidecar.json", "command item: \"/healthcheck\" is not allowed",
            "26-datadog-agent-windows-npipe.json", "Windows paths");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyCorpusFileImportsIntoAValidStackUnlessItsProblemIsNotTheImports() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.sorted().toList().stream()
                    .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
        }
    }

    private void check(Path file) throws IOException {
        Path stack = dir.resolve(file.getFileName() + ".yaml");
        List<String> args = new ArrayList<>(List.of("import", "ecs", file.toString(), "-o", stack.toString()));
        // Secrets' ${...} ARNs are gone after the import (they come from berth's environment), the rest stay.
        String text = Files.readString(file);
        Matcher m = PLACEHOLDER.matcher(text);
        TreeSet<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        names.removeIf(name -> name.endsWith("_arn"));
        names.forEach(name -> args.addAll(List.of("--var", name + "=example")));
        CommandRun run = CommandRun.of(args.toArray(String[]::new));
        String expected = INVALID.get(file.getFileName().toString());
        if (expected == null) {
            assertEquals(ExitCodes.OK, run.exitCode(), run.err());
            assertTrue(run.out().startsWith("wrote " + stack), run.out());
            assertEquals(ExitCodes.OK, CommandRun.of(validateArgs(stack, names)).exitCode());
        } else {
            assertEquals(ExitCodes.ERROR, run.exitCode(), run.err());
            assertTrue(run.err().contains(expected), run.err());
        }
        assertTrue(Files.readString(stack).startsWith("# yaml-language-server: $schema="));
    }

    private static String[] validateArgs(Path stack, TreeSet<String> names) {
        List<String> args = new ArrayList<>(List.of("validate", stack.toString()));
        names.forEach(name -> args.addAll(List.of("--var", name + "=example")));
        return args.toArray(String[]::new);
    }

    @Test
    void whatDoesNotCarryOverIsListedInTheStackAndOnStderr() throws IOException {
        Path stack = dir.resolve("firelens.yaml");
        CommandRun run = CommandRun.of("import", "ecs", CORPUS.resolve("04-firelens-efs.json").toString(), "-o",
                stack.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        String written = Files.readString(stack);
        for (String note : List.of(
                "# ignored taskDefinitions.firelens-efs-example.taskRoleArn: AWS-only, ignored",
                "# not imported taskDefinitions.firelens-efs-example.containerDefinitions[1].firelensConfiguration: "
                        + "AWS-only, refused",
                "# not imported taskDefinitions.firelens-efs-example.containerDefinitions[0].logConfiguration: it "
                        + "cannot stand without the field refused above",
                "# not imported taskDefinitions.firelens-efs-example.volumes[0].efsVolumeConfiguration: AWS-only")) {
            assertTrue(written.contains(note), note + " in\n" + written);
            assertTrue(run.err().contains("berth: " + note.substring(2)), run.err());
        }
    }

    @Test
    void secretsFromSecretsManagerComeFromBerthsEnvironmentByTheirName() throws IOException {
        Path stack = dir.resolve("secrets.yaml");
        CommandRun run = CommandRun.of("import", "ecs", CORPUS.resolve("12-watchman-java-secrets-healthcheck.json").toString(),
                "-o", stack.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        String written = Files.readString(stack);
        assertTrue(written.contains("valueFrom: env:"), written);
        assertTrue(written.contains("is read by the ECS agent (AWS-only); it is now env:"), written);
    }

    @Test
    void aSecretLogOptionFromSecretsManagerComesFromAVariableNamedAfterTheOption() throws IOException {
        Path json = Files.writeString(dir.resolve("splunk.json"), """
                {"family": "splunk", "containerDefinitions": [{"name": "app", "image": "berth/busybox:1",
                  "logConfiguration": {"logDriver": "splunk", "options": {"splunk-url": "https://splunk.example"},
                    "secretOptions": [{"name": "splunk-token",
                      "valueFrom": "arn:aws:secretsmanager:eu-west-1:1:secret:token-AbCdEf"}]}}]}
                """);
        Path stack = dir.resolve("splunk.yaml");
        CommandRun run = CommandRun.of("import", "ecs", json.toString(), "-o", stack.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        String written = Files.readString(stack);
        assertTrue(written.contains("valueFrom: env:SPLUNK_TOKEN"), written);
        assertTrue(written.contains("# changed taskDefinitions.splunk.containerDefinitions[0].logConfiguration"
                + ".secretOptions[0]: valueFrom arn:aws:secretsmanager:eu-west-1:1:secret:token-AbCdEf is read by the "
                + "ECS agent (AWS-only); it is now env:SPLUNK_TOKEN"), written);
        assertEquals(ExitCodes.OK, CommandRun.of("validate", stack.toString()).exitCode());
    }
}
