package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The ready-to-copy workflows in examples/ci: GitHub's own parser accepts them, each
 * {@code berth ...} line parses with the real command line, and the plan step, run as the workflow
 * runs it for each matrix entry, gives each entry a comment marker of its own.
 */
class CiWorkflowsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CI = ROOT.resolve("examples/ci");
    private static final Path NODE_TOOLS = ROOT.resolve(".berth-cache/node-tools");
    private static final Pattern INVOCATION = Pattern.compile("^\\s*berth\\s+([^|>&;]*)");
    /** {@code ${NAME:+word}}: the word when NAME is set and not empty, else nothing. */
    private static final Pattern IF_SET = Pattern.compile("\\$\\{(\\w+):\\+([^}]*)}");
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)");
    /** A port nothing listens on: the plan sees an unreachable host and still renders. */
    private static final String NO_ENGINE = "tcp://127.0.0.1:1";

    @TestFactory
    Stream<DynamicTest> everyBerthInvocationParses() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : workflows()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = INVOCATION.matcher(lines.get(i));
                if (m.find()) {
                    String[] args = words(m.group(1), Map.of("STACK_DIR", "stacks/shop", "VAR_FILE", "vars.yaml"));
                    tests.add(DynamicTest.dynamicTest(file.getFileName() + ":" + (i + 1),
                            () -> assertDoesNotThrow(() -> BerthCommand.commandLine().parseArgs(args),
                                    () -> String.join(" ", args))));
                }
            }
        }
        assertTrue(tests.size() >= 4, "validate, plan and drift are all used");
        return tests.stream();
    }

    @Test
    void githubsWorkflowParserAcceptsEveryWorkflow() throws IOException, InterruptedException {
        List<String> command = workflowParser();
        workflows().forEach(f -> command.add(f.toString()));
        Result result = run(command, Map.of());
        assertEquals(0, result.exitCode(), "GitHub's workflow parser found errors:\n" + result.output());
    }

    /** Guards the check itself: a parser that reported nothing would pass every workflow. */
    @Test
    void githubsWorkflowParserRejectsAJobThatNeedsAnUnknownJob(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path broken = Files.writeString(dir.resolve("broken.yml"), Files.readString(CI.resolve("berth-plan.yml"))
                .replace("needs: package", "needs: packge"));
        List<String> command = workflowParser();
        command.add(broken.toString());
        Result result = run(command, Map.of());
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("depends on unknown job 'packge'"), result.output());
    }

    @Test
    void thePlanStepGivesEachStackDirectoryAndVarFileOfTheMatrixItsOwnCommentMarker() throws Exception {
        Path workflow = CI.resolve("berth-plan.yml");
        String planLine = Files.readAllLines(workflow).stream()
                .map(INVOCATION::matcher).filter(m -> m.find() && m.group(1).startsWith("plan "))
                .map(m -> m.group(1)).findFirst().orElseThrow();
        Set<String> markers = new LinkedHashSet<>();
        List<Map<String, String>> entries = matrix(workflow);
        for (Map<String, String> entry : entries) {
            String varFile = entry.getOrDefault("vars", "");
            List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                    Main.class.getName()));
            command.addAll(List.of(words(planLine, Map.of("STACK_DIR", entry.get("dir"), "VAR_FILE", varFile))));
            Result result = run(command, Map.of("DOCKER_HOST", NO_ENGINE));
            String marker = result.output().lines().filter(l -> l.startsWith("<!-- ")).findFirst()
                    .orElseThrow(() -> new AssertionError(String.join(" ", command) + ":\n" + result.output()));
            assertTrue(marker.startsWith("<!-- berth-plan:") && marker.contains(" " + entry.get("dir") + " ")
                    && marker.contains(varFile), marker);
            markers.add(marker);
        }
        assertTrue(entries.stream().anyMatch(e -> !e.containsKey("vars")), "one entry has no var file");
        assertEquals(entries.size(), markers.size(), "one marker per entry: " + markers);
    }

    /**
     * The command that parses workflow files with GitHub's parser, to which the files are added.
     * Without node or the parser the test is skipped, except on CI, where it fails.
     */
    private static List<String> workflowParser() {
        Path node = onPath("node");
        Path parser = NODE_TOOLS.resolve("node_modules/@actions/workflow-parser");
        if (node == null || !Files.isDirectory(parser)) {
            String missing = (node == null ? "no node on PATH" : "no " + parser)
                    + " (scripts/test installs both: berth_node_tools in scripts/lib/common.sh)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionFailedError("CI=true but " + missing);
            }
            throw new TestAbortedException(missing);
        }
        return new ArrayList<>(List.of(node.toString(), ROOT.resolve("scripts/lib/check-workflows.mjs").toString(),
                NODE_TOOLS.toString()));
    }

    private static List<Path> workflows() throws IOException {
        try (Stream<Path> files = Files.list(CI)) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> matrix(Path workflow) throws IOException {
        Map<String, Object> document = new Yaml(new LoaderOptions()).load(Files.readString(workflow));
        Map<String, Object> plan = (Map<String, Object>) ((Map<String, Object>) document.get("jobs")).get("plan");
        Map<String, Object> strategy = (Map<String, Object>) plan.get("strategy");
        return (List<Map<String, String>>) ((Map<String, Object>) strategy.get("matrix")).get("include");
    }

    /**
     * The shell words of a command line as bash would give them: {@code ${NAME:+word}} and
     * {@code $NAME} from {@code env} (unset is empty), GitHub expressions as a plain word, quotes
     * removed. Enough for the workflows' one-line commands, whose values have no spaces.
     */
    private static String[] words(String text, Map<String, String> env) {
        String plain = text.replaceAll("\\$\\{\\{[^}]*}}", "x");
        plain = IF_SET.matcher(plain).replaceAll(m -> env.getOrDefault(m.group(1), "").isEmpty()
                ? "" : Matcher.quoteReplacement(m.group(2)));
        plain = VARIABLE.matcher(plain).replaceAll(m -> Matcher.quoteReplacement(env.getOrDefault(m.group(1), "")));
        return Stream.of(plain.replace("\"", "").strip().split("\\s+")).filter(w -> !w.isEmpty())
                .toArray(String[]::new);
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs in the repository's root, as a workflow does in its checkout; stdout and stderr together. */
    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path output = Files.createTempFile("berth-ci-workflows", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("did not finish within 60 s: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.delete(output);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    private static Path onPath(String program) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
