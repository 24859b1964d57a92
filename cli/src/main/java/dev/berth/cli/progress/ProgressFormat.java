package dev.berth.cli.progress;

import dev.berth.applier.events.ApplyListener;
import java.io.PrintWriter;

/** The values of {@code berth apply --format}. */
public enum ProgressFormat {
    /** Live per-service lines on a terminal; timestamped event lines otherwise. */
    text,
    /** One JSON object per event and line. */
    json;

    public ApplyListener listener(PrintWriter out, boolean terminal, boolean color) {
        return switch (this) {
            case text -> terminal ? new LiveProgress(out, color) : new EventLines(out);
            case json -> new JsonLines(out);
        };
    }
}
