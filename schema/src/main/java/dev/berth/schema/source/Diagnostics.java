package dev.berth.schema.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every finding of a run, so a user sees all of them at once. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public void add(Diagnostic diagnostic) {
        items.add(diagnostic);
    }

    public void error(SourcePosition position, String message) {
        add(Diagnostic.error(position, message));
    }

    public void warning(SourcePosition position, String message) {
        add(Diagnostic.warning(position, message));
    }

    public void addAll(Diagnostics other) {
        items.addAll(other.items);
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.error);
    }

    /** Findings in file, line, column order, each reported once. */
    public List<Diagnostic> sorted() {
        return items.stream()
                .distinct()
                .sorted(Comparator.comparing(Diagnostic::position,
                                Comparator.nullsFirst(Comparator.comparing((SourcePosition p) -> p.file().toString())
                                        .thenComparingInt(SourcePosition::line)
                                        .thenComparingInt(SourcePosition::column)))
                        .thenComparing(Diagnostic::message))
                .toList();
    }
}
