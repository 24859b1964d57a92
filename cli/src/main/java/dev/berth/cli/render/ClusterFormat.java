package dev.berth.cli.render;

/** The values of {@code berth cluster --format}. */
public enum ClusterFormat {
    text, json;

    /** {@code color} matters only for text. */
    public ClusterRenderer renderer(boolean color) {
        return switch (this) {
            case text -> new ClusterTextRenderer(color);
            case json -> new ClusterJsonRenderer();
        };
    }
}
