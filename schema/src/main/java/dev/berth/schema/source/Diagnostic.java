package dev.berth.schema.source;

/**
 * One finding about a stack. {@code position} is null only when no file is involved, for
 * example a {@code --var} on the command line that names no declared variable.
 */
public record Diagnostic(Severity severity, SourcePosition position, String message) {

    public enum Severity { error, warning }

    public static Diagnostic error(SourcePosition position, String message) {
        return new Diagnostic(Severity.error, position, message);
    }

    public static Diagnostic warning(SourcePosition position, String message) {
        return new Diagnostic(Severity.warning, position, message);
    }

    /** {@code FILE:LINE:COL: error: message}. */
    @Override
    public String toString() {
        return (position == null ? "berth" : Echo.printable(position.toString())) + ": " + severity + ": "
                + Echo.printable(message);
    }
}
