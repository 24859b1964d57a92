package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every example under {@code examples/} and every environment of {@code stacks/shop} validates
 * cleanly (exit 0, nothing on stderr, so no warnings either), and a broken copy is reported as
 * {@code FILE:LINE:COL: error:}. Runs the CLI in-process; the working directory is {@code cli/}.
 */
class ExamplesValidateTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLES = ROOT.resolve("examples");
    private static final Path SHOP = ROOT.resolve("stacks/shop");

    /** Exit code and the two output streams of one CLI run. */
    record Run(int exitCode, String out, String err) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run berth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BerthCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** Directories under examples/ holding a stack (*.yaml directly in them); examples/ci is CI config. */
    static List<Path> exampleStacks() throws IOException {
        try (Stream<Path> dirs = Files.list(EXAMPLES)) {
            return dirs.filter(Files::isDirectory)
                    .filter(dir -> !dir.getFileName().toString().equals("ci"))
                    .filter(ExamplesValidateTest::holdsYaml)
                    .sorted()
                    .toList();
        }
    }

    static List<Path> shopVarFiles() throws IOException {
        try (Stream<Path> files = Files.list(SHOP.resolve("vars"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static boolean holdsYaml(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> Files.isRegularFile(f) && f.getFileName().toString().matches(".*\\.ya?ml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertValid(Run run) {
        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("", run.err(), () -> "expected no errors or warnings\n" + run.describe());
        assertTrue(run.out().contains(" is valid: "), run::describe);
    }

    @Test
    void theDocumentedExamplesAreFound() throws IOException {
        List<String> names = exampleStacks().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("hello-web", "web-and-worker", "fargate-sized",
                "scaling-and-placement", "multi-host")), () -> "examples found: " + names);
        assertFalse(shopVarFiles().isEmpty(), "stacks/shop/vars has no *.yaml");
    }

    @TestFactory
    Stream<DynamicTest> everyExampleValidates() throws IOException {
        return exampleStacks().stream().map(dir -> DynamicTest.dynamicTest("examples/" + dir.getFileName(),
                () -> assertValid(berth("validate", dir.toString()))));
    }

    @TestFactory
    Stream<DynamicTest> shopValidatesWithEveryVarFile() throws IOException {
        return shopVarFiles().stream().map(vars -> DynamicTest.dynamicTest("stacks/shop with vars/" + vars.getFileName(),
                () -> assertValid(berth("validate", SHOP.toString(), "--var-file", vars.toString()))));
    }

    @Test
    void shopNeedsItsEnvironmentVariable() {
        Run run = berth("validate", SHOP.toString());
        assertEquals(1, run.exitCode(), run::describe);
        assertTrue(run.err().contains("variable \"environment\" is required"), run::describe);
    }

    @Test
    void aBrokenCopyIsReportedWithFileLineAndColumn(@TempDir Path temp) throws IOException {
        String original = Files.readString(EXAMPLES.resolve("web-and-worker/stack.yaml"));
        String target = "    cluster: local\n    taskDefinition: worker\n";
        assertTrue(original.contains(target), "web-and-worker no longer has the worker service this test breaks");
        String broken = original.replace(target, "    cluster: lokal\n    taskDefinition: worker\n");
        Path file = temp.resolve("stack.yaml");
        Files.writeString(file, broken);
        int line = (int) broken.substring(0, broken.indexOf("cluster: lokal")).chars().filter(c -> c == '\n').count() + 1;
        int column = "    cluster: ".length() + 1;

        Run run = berth("validate", file.toString());

        assertEquals(1, run.exitCode(), run::describe);
        assertTrue(run.err().contains(file + ":" + line + ":" + column + ": error:"), run::describe);
        assertTrue(run.err().contains("lokal"), run::describe);
        assertFalse(run.out().contains(" is valid"), run::describe);
    }
}
