package dev.berth.schema.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostic;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;
import dev.berth.schema.source.SourcePosition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs checks against a stack whose every node has its own line, and translates each diagnostic's
 * position back into the pointer it names: "/services/web/cluster" for a value, "key /services/web"
 * for a key, "/x/expression +7" for a column inside a scalar.
 */
final class Findings {
    private static final int KEY_COLUMN = 1;
    private static final int VALUE_COLUMN = 10;

    /** A diagnostic as {@code where} (see class comment) and its message. */
    record Finding(String where, String message) {
        @Override
        public String toString() {
            return where + ": " + message;
        }
    }

    private final SourceMap positions = new SourceMap();
    private final Map<Integer, String> pointerOfLine = new HashMap<>();

    private Findings(Stack stack) {
        walk(new ObjectMapper().valueToTree(stack), "");
    }

    static List<Finding> of(SemanticCheck check, Stack stack) {
        Findings findings = new Findings(stack);
        Diagnostics out = new Diagnostics();
        check.check(stack, findings.positions, out);
        return findings.translate(out);
    }

    /** The line the fixture gives the node at {@code pointer}. */
    static int lineOf(Stack stack, String pointer) {
        return new Findings(stack).positions.value(pointer).line();
    }

    static List<Finding> ofAllChecks(Stack stack) {
        return of(SemanticValidator::validate, stack);
    }

    /**
     * Asserts that exactly these findings occurred, in any order (fixture lines follow record
     * component order, not the order a user would write); each expectation is
     * {@code "WHERE :: message fragment"}.
     */
    static void assertExactly(List<Finding> actual, String... expected) {
        String report = String.join("\n", actual.stream().map(Finding::toString).toList());
        org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.size(), report);
        for (String expectation : expected) {
            String[] parts = expectation.split(" :: ", 2);
            boolean found = actual.stream()
                    .anyMatch(f -> f.where().equals(parts[0]) && f.message().contains(parts[1]));
            org.junit.jupiter.api.Assertions.assertTrue(found, "expected " + expectation + "\nbut got\n" + report);
        }
    }

    /** Absent fields get no position, as in a real file, so checks exercise the parent fallback. */
    private void walk(JsonNode node, String pointer) {
        if (node.isNull()) {
            return;
        }
        int line = pointerOfLine.size() + 1;
        pointerOfLine.put(line, pointer);
        Path file = Path.of("stack.yaml");
        positions.putValue(pointer, new SourcePosition(file, line, VALUE_COLUMN));
        if (!pointer.isEmpty()) {
            positions.putKey(pointer, new SourcePosition(file, line, KEY_COLUMN));
        }
        if (node.isObject()) {
            node.properties().forEach(e -> walk(e.getValue(), SourceMap.child(pointer, e.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), SourceMap.child(pointer, i));
            }
        }
    }

    private List<Finding> translate(Diagnostics out) {
        List<Finding> findings = new ArrayList<>();
        for (Diagnostic d : out.sorted()) {
            String pointer = pointerOfLine.get(d.position().line());
            int column = d.position().column();
            String where = column == KEY_COLUMN ? "key " + pointer
                    : column == VALUE_COLUMN ? pointer : pointer + " +" + (column - VALUE_COLUMN);
            findings.add(new Finding(where, d.message()));
        }
        return findings;
    }
}
