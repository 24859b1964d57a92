package dev.berth.schema.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FlowTabsTest {

    @Test
    void tabsIndentingJsonInsideAFlowMappingBecomeSpacesOfTheSameWidth() {
        assertEquals("web: {\n \"a\": [ 1,\n 2 ]\n}\n", FlowTabs.untab("web: {\n\t\"a\":\t[ 1,\n\t2 ]\n}\n"));
    }

    @Test
    void tabsIndentingBlockYamlAreLeftForYamlToRefuse() {
        assertEquals("a:\n\tb: 1\n", FlowTabs.untab("a:\n\tb: 1\n"));
    }

    @Test
    void tabsInQuotedTextCommentsAndPlainScalarsAreKept() {
        String text = "x: [\"a\tb\", 'c\td', e\tf] # g\th\n";
        assertEquals("x: [\"a\tb\", 'c\td', e\tf] # g\th\n", FlowTabs.untab(text));
    }

    @Test
    void aBraceInsideABlockScalarOrAPlainScalarOpensNoFlow() {
        String text = "script: |\n  if x {\n  \ty\nk: it's {a\tb}\n";
        assertEquals(text, FlowTabs.untab(text));
    }
}
