package dev.berth.cli.render;

import dev.berth.planner.plan.Address;
import dev.berth.schema.source.SourcePosition;

import java.util.Optional;
import java.util.function.Function;

/** The values of {@code berth drift --format}. */
public enum DriftFormat {
    text, json, markdown, github;

    /**
     * @param color     matters only for text
     * @param positions where an address is declared in the stack files, for annotations (github only)
     * @param source    the stack and its var files as given, for the markdown comment marker
     */
    public DriftRenderer renderer(boolean color, Function<Address, Optional<SourcePosition>> positions,
            String source) {
        return switch (this) {
            case text -> new DriftTextRenderer(color);
            case json -> new DriftJsonRenderer();
            case markdown -> new DriftMarkdownRenderer(source);
            case github -> new GithubDriftRenderer(positions);
        };
    }
}
