package dev.berth.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.render.WorkflowCommand;
import dev.berth.schema.source.Diagnostic;
import dev.berth.schema.source.Echo;
import dev.berth.schema.source.SourcePosition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/** How diagnostics are printed: for people, as data, or as GitHub annotations. */
public enum DiagnosticFormat {
    /** {@code FILE:LINE:COL: error: message}, as compilers print it. */
    text {
        @Override
        void print(List<Diagnostic> diagnostics, PrintWriter out) {
            diagnostics.forEach(d -> out.println(Echo.printable(
                    (d.position() == null ? "berth" : location(d.position())) + ": " + d.severity() + ": " + d.message())));
        }
    },
    /** {@code {"formatVersion":1,"valid":..,"diagnostics":[{file,line,column,severity,message}]}}. */
    json {
        @Override
        void print(List<Diagnostic> diagnostics, PrintWriter out) {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            ObjectNode document = nodes.objectNode().put("formatVersion", 1)
                    .put("valid", diagnostics.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.error));
            ArrayNode items = document.putArray("diagnostics");
            for (Diagnostic d : diagnostics) {
                ObjectNode item = items.addObject();
                if (d.position() != null) {
                    item.put("file", display(d.position().file())).put("line", d.position().line())
                            .put("column", d.position().column());
                }
                item.put("severity", d.severity().name()).put("message", d.message());
            }
            out.println(document.toPrettyString());
        }
    },
    /** GitHub Actions workflow commands, shown as annotations on the pull request's diff. */
    github {
        @Override
        void print(List<Diagnostic> diagnostics, PrintWriter out) {
            for (Diagnostic d : diagnostics) {
                String where = d.position() == null ? "" : " file="
                        + WorkflowCommand.escapeProperty(Echo.printable(display(d.position().file())))
                        + ",line=" + d.position().line() + ",col=" + d.position().column();
                out.println("::" + d.severity() + where + "::" + WorkflowCommand.escapeData(Echo.printable(d.message())));
            }
        }
    };

    abstract void print(List<Diagnostic> diagnostics, PrintWriter out);

    /** The diagnostics as {@link #print} writes them, without the last line break. */
    String format(List<Diagnostic> diagnostics) {
        StringWriter text = new StringWriter();
        print(diagnostics, new PrintWriter(text));
        return text.toString().stripTrailing();
    }

    static String location(SourcePosition position) {
        return display(position.file()) + ":" + position.line() + ":" + position.column();
    }

    /** Paths under the working directory print relative to it, as users typed them. */
    static String display(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(cwd)) {
            return absolute.toString();
        }
        String relative = cwd.relativize(absolute).toString();
        return relative.isEmpty() ? "." : relative;
    }
}
