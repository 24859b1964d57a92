package dev.berth.schema.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every finding of a run, so a user sees all of them at once. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();
    private long errors;

    public void add(Diagnostic diagnostic) {
        items.add(diagnostic);
        errors += diagnostic.severity() == Diagnostic.Severity.error ? 1 : 0;
    }

    public void error(SourcePosition position, String message) {
        add(Diagnostic.error(position, message));
    }

    public void warning(SourcePosition position, String message) {
        add(Diagnostic.warning(position, message));
    }

    public void addAll(Diagnostics other) {
        items.addAll(other.items);
        errors += other.errors;
    }

    /** Findings so far, warnings too. */
    public int size() {
        return items.size();
    }

    public long errorCount() {
        return errors;
    }

    public boolean hasErrors() {
        return errors > 0;
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
