package dev.berth.cli.render;

import dev.berth.schema.source.SourcePosition;

/** Escaping for GitHub Actions workflow commands ({@code ::error file=...::message}). */
public final class WorkflowCommand {
    private WorkflowCommand() {
    }

    /** The message part: GitHub decodes {@code %25}, {@code %0D} and {@code %0A}. */
    public static String escapeData(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value additionally must not contain the {@code :} and {@code ,} that delimit properties. */
    public static String escapeProperty(String text) {
        return escapeData(text).replace(":", "%3A").replace(",", "%2C");
    }

    /** {@code file=...,line=...,col=...}; the path as given, which is relative to the workspace in CI. */
    static String position(SourcePosition position) {
        return "file=" + escapeProperty(String.valueOf(position.file()).replace('\\', '/'))
                + ",line=" + position.line() + ",col=" + position.column();
    }
}
