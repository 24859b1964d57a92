package dev.berth.cli.render;

/** The values of {@code berth plan --format}. */
public enum PlanFormat {
    text, json, markdown;

    /** {@code color} matters only for text; the caller decides it from the terminal, NO_COLOR and --no-color. */
    public PlanRenderer renderer(boolean color) {
        return switch (this) {
            case text -> new PlanTextRenderer(color);
            case json -> new PlanJsonRenderer();
            case markdown -> new PlanMarkdownRenderer();
        };
    }
}
