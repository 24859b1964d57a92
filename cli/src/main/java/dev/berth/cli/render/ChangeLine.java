package dev.berth.cli.render;

import dev.berth.planner.plan.Action;

/**
 * One line of a change as text and markdown show it.
 *
 * @param depth  0 for the address, 1 for what belongs to it, 2 for details of those
 * @param marker the action symbol to print before the text, null for none
 */
record ChangeLine(int depth, Action marker, String text) {
    private static final int MARKER_WIDTH = Action.replace.symbol().length();

    /** Terraform's layout: the marker right-aligned after the indent, {@code "      ~ desiredCount: 2 -> 4"}. */
    String indentThenMarker(Ansi ansi) {
        String symbol = symbol();
        String painted = marker == null ? symbol : ansi.paint(Ansi.of(marker), symbol);
        return "    ".repeat(depth) + " ".repeat(MARKER_WIDTH - symbol.length()) + painted + " " + text;
    }

    /** The marker in column 0, where a {@code diff} code block colors {@code +} and {@code -} lines. */
    String markerThenIndent() {
        return String.format("%-" + MARKER_WIDTH + "s", symbol()) + " " + "    ".repeat(depth) + text;
    }

    private String symbol() {
        return marker == null ? "" : marker.symbol();
    }
}
