package dev.berth.schema.expression;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterQueryParserTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " @ ", value = {
            "attribute:zone == a @ attribute:zone == a",
            "attribute:zone != a @ attribute:zone != a",
            "attribute:zone in [a, b] @ attribute:zone in [a, b]",
            "attribute:zone not in [a,b] @ attribute:zone not in [a, b]",
            "attribute:berth.arch =~ x86.* @ attribute:berth.arch =~ x86.*",
            "attribute:berth.arch !~ 'x86_(64|32)' @ attribute:berth.arch !~ \"x86_(64|32)\"",
            "attribute:gpu exists @ attribute:gpu exists",
            "instanceId != h2 @ instanceId != h2",
            "attribute:zone == \"us east\" @ attribute:zone == \"us east\"",
            "attribute:zone == 'and' @ attribute:zone == \"and\"",
            "attribute:x EXISTS @ attribute:x exists",
            "attribute:a == 1 && !attribute:b == 2 || attribute:c == 3 @ attribute:a == 1 and not attribute:b == 2 or attribute:c == 3",
            "not (attribute:zone == a or attribute:zone == b) and attribute:disk == ssd"
                    + " @ not (attribute:zone == a or attribute:zone == b) and attribute:disk == ssd",
            "(attribute:a == 1 or attribute:b == 2) and attribute:c == 3 @ (attribute:a == 1 or attribute:b == 2) and attribute:c == 3",
            "((attribute:a == 1)) @ attribute:a == 1",
    })
    void parsesAndPrintsTheNormalizedExpression(String expression, String normalized) {
        ClusterQuery query = ClusterQueryParser.parse(expression);
        assertEquals(normalized, query.toString());
        assertEquals(normalized, ClusterQueryParser.parse(normalized).toString(), "normalized form must round-trip");
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        ClusterQuery query = ClusterQueryParser.parse("not attribute:a exists and attribute:b exists or attribute:c exists");
        ClusterQuery.Or or = assertInstanceOf(ClusterQuery.Or.class, query);
        ClusterQuery.And and = assertInstanceOf(ClusterQuery.And.class, or.left());
        assertInstanceOf(ClusterQuery.Not.class, and.left());
        assertInstanceOf(ClusterQuery.Exists.class, or.right());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " @ ", value = {
            "attribute:zone in [a, b @ 23 @ expected \"]\" to close the list",
            "attribute:zone =< a @ 15 @ unknown operator \"=<\"; expected ==, !=, in, not in, =~, !~ or exists",
            "attribute:zone @ 14 @ missing operator after attribute:zone",
            "attribute:zone is a @ 15 @ unknown operator \"is\"",
            "zone == a @ 0 @ expected attribute:NAME or instanceId but found \"zone\"",
            "attribute: == a @ 0 @ expected attribute:NAME or instanceId",
            "attribute:zone == @ 17 @ expected a value after \"==\" but found the end of the expression",
            "attribute:zone not [a] @ 19 @ expected \"in\" after \"not\"",
            "attribute:zone in a @ 18 @ expected \"[\" to start the list",
            "(attribute:zone == a @ 20 @ expected \")\" to close the \"(\" at column 1",
            "attribute:zone == a attribute:b == c @ 20 @ unexpected \"attribute:b\"; expected and, or, or the end",
            "attribute:zone == 'a @ 18 @ unterminated string",
            "attribute:zone == a^b @ 19 @ unexpected character \"^\"",
            "attribute:arch =~ 'x86(64' @ 25 @ invalid regular expression \"x86(64\"",
            "'' @ 0 @ but found the end of the expression",
    })
    void rejectsWithOffsetAndHelpfulMessage(String expression, int offset, String fragment) {
        ClusterQuerySyntaxException e = assertThrows(ClusterQuerySyntaxException.class,
                () -> ClusterQueryParser.parse(expression));
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.reason().contains(fragment), e.reason());
        assertTrue(e.getMessage().endsWith(" at column " + (offset + 1)), e.getMessage());
    }

    @Test
    void aHundredThousandNotsAreRefusedAtTheFirstOneTooDeepNotWithAStackOverflow() {
        ClusterQuerySyntaxException e = assertThrows(ClusterQuerySyntaxException.class,
                () -> ClusterQueryParser.parse("not ".repeat(100_000) + "attribute:zone exists"));
        assertEquals(4 * ClusterQueryParser.MAX_DEPTH, e.offset());
        assertTrue(e.reason().contains("more than 32 levels deep"), e.reason());
    }

    @Test
    void missingAttributeFailsPositiveTestsAndPassesNegativeOnes() {
        Map<String, String> none = Map.of();
        assertFalse(matches("attribute:zone == a", none));
        assertTrue(matches("attribute:zone != a", none));
        assertFalse(matches("attribute:zone in [a]", none));
        assertTrue(matches("attribute:zone not in [a]", none));
        assertFalse(matches("attribute:zone =~ .*", none));
        assertTrue(matches("attribute:zone !~ .*", none));
        assertFalse(matches("attribute:zone exists", none));
    }

    @Test
    void evaluatesAgainstHostAttributes() {
        Map<String, String> host = Map.of("zone", "a", "berth.arch", "x86_64", "instanceId", "h1");
        assertTrue(matches("attribute:zone == a", host));
        assertFalse(matches("attribute:zone != a", host));
        assertTrue(matches("attribute:zone in [b, a]", host));
        assertFalse(matches("attribute:zone not in [b, a]", host));
        assertTrue(matches("attribute:berth.arch =~ x86.*", host));
        assertFalse(matches("attribute:berth.arch =~ x86", host), "the pattern must match the whole value");
        assertTrue(matches("instanceId != h2", host));
        assertFalse(matches("instanceId == h2", host));
        assertTrue(matches("not (attribute:zone == b or attribute:zone == c) and attribute:berth.arch exists", host));
        assertFalse(matches("attribute:zone == b or attribute:zone == c and attribute:zone == a", host));
    }

    private static boolean matches(String expression, Map<String, String> attributes) {
        return ClusterQueryParser.parse(expression).matches(attributes);
    }
}
