package dev.berth.cli.render;

/** The values of {@code berth plan --format}. */
public enum PlanFormat {
    text, json, markdown;

    /**
     * @param color  matters only for text; the caller decides it from the terminal, NO_COLOR and --no-color
     * @param source the stack and its var files as given, for the markdown comment marker
     */
    public PlanRenderer renderer(boolean color, String source) {
        return switch (this) {
            case text -> new PlanTextRenderer(color);
            case json -> new PlanJsonRenderer();
            case markdown -> new PlanMarkdownRenderer(source);
        };
    }
}
