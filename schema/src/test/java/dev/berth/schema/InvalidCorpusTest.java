package dev.berth.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.schema.source.Diagnostic;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every stack under {@code invalid/} must produce exactly the errors its {@code # expect:} lines
 * name: the same set of positions, each message containing the expected fragment. A directory case
 * keeps its expectations in a file named {@code EXPECT}, with positions prefixed by the file name.
 */
class InvalidCorpusTest {
    private static final Pattern EXPECT = Pattern.compile("#?\\s*expect:\\s*(?:(\\S+?):)?(\\d+):(\\d+)\\s+(.+)");

    @TestFactory
    Stream<DynamicTest> everyInvalidStackReportsExactlyItsExpectedErrors() throws IOException {
        return cases().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> check(path)));
    }

    @Test
    void theCorpusIsLargeEnough() throws IOException {
        assertTrue(cases().count() >= 40, "at least 40 invalid stacks");
    }

    private static Stream<Path> cases() throws IOException {
        try (Stream<Path> entries = Files.list(corpus())) {
            return entries.sorted().toList().stream();
        }
    }

    private static void check(Path stack) throws IOException {
        Map<String, String> expected = expectations(stack);
        assertFalse(expected.isEmpty(), stack + " has no # expect: lines");
        LoadedStack loaded = StackLoader.load(stack, VariableInputs.none());
        Map<String, String> actual = new TreeMap<>();
        for (Diagnostic d : loaded.errors()) {
            String where = (Files.isDirectory(stack) ? d.position().file().getFileName() + ":" : "")
                    + d.position().line() + ":" + d.position().column();
            actual.merge(where, d.message(), (a, b) -> a + " | " + b);
        }
        assertEquals(expected.keySet(), actual.keySet(), () -> "error positions of " + stack.getFileName()
                + "; actual errors: " + actual);
        expected.forEach((where, fragment) -> assertTrue(actual.get(where).contains(fragment),
                () -> stack.getFileName() + " at " + where + ": expected a message containing \"" + fragment
                        + "\", got \"" + actual.get(where) + "\""));
        assertFalse(loaded.valid());
    }

    private static Map<String, String> expectations(Path stack) throws IOException {
        Path source = Files.isDirectory(stack) ? stack.resolve("EXPECT") : stack;
        // Read as Latin-1 so a case made of invalid UTF-8 still yields its header.
        List<String> lines = Files.readAllLines(source, StandardCharsets.ISO_8859_1);
        Map<String, String> expected = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String line : lines) {
            Matcher m = EXPECT.matcher(line.strip());
            if (m.matches()) {
                String prefix = m.group(1) == null ? "" : m.group(1) + ":";
                expected.put(prefix + m.group(2) + ":" + m.group(3), m.group(4).strip());
            } else if (line.contains("expect:")) {
                problems.add(line);
            }
        }
        assertTrue(problems.isEmpty(), () -> "malformed expect lines in " + source + ": " + problems);
        return expected;
    }

    private static Path corpus() {
        try {
            return Path.of(InvalidCorpusTest.class.getResource("/invalid").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
