package dev.berth.schema;

import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostic;
import dev.berth.schema.source.SourceMap;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of loading a stack. {@code source} keeps the order the user wrote (for diagnostics),
 * {@code canonical} is what plans and hashes are made from; both are null when there are errors.
 */
public record LoadedStack(List<Path> files, Stack source, Stack canonical, SourceMap positions,
                          List<Diagnostic> diagnostics) {
    public LoadedStack {
        files = List.copyOf(files);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean valid() {
        return canonical != null;
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.error).toList();
    }
}
