package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The ready-to-copy workflows in examples/ci may only use commands and flags that exist: each
 * {@code ./berth ...} line must parse with the real command line.
 */
class CiWorkflowsTest {
    private static final Path CI = Path.of("..", "examples", "ci");
    private static final Pattern INVOCATION = Pattern.compile("\\./berth\\s+([^|>&;]*)");

    @TestFactory
    Stream<DynamicTest> everyBerthInvocationParses() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(CI)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = INVOCATION.matcher(lines.get(i));
                    if (m.find()) {
                        String[] args = words(m.group(1));
                        tests.add(DynamicTest.dynamicTest(file.getFileName() + ":" + (i + 1),
                                () -> assertDoesNotThrow(() -> BerthCommand.commandLine().parseArgs(args),
                                        () -> String.join(" ", args))));
                    }
                }
            }
        }
        assertFalse(tests.isEmpty(), "the workflows call berth");
        assertTrue(tests.size() >= 4, "validate, plan and drift are all used");
        return tests.stream();
    }

    /** Shell words of a line, with GitHub expressions standing in as plain words. */
    private static String[] words(String text) {
        String plain = text.replaceAll("\\$\\{\\{[^}]*}}", "x").replace("\"", "").strip();
        return plain.split("\\s+");
    }
}
