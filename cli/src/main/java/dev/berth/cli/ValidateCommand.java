package dev.berth.cli;

import dev.berth.schema.LoadedStack;
import dev.berth.schema.model.Stack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Checks a stack without touching any host. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a stack: YAML, the JSON Schema, references, ECS rules. Touches no host.",
                "Every problem is reported at once as FILE:LINE:COL: error: message."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the stack is valid", "1:the stack has errors"})
public final class ValidateCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    DiagnosticFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<ValidationCache> cache = ValidationCache.forRun(stack, format, System.getenv());
        ValidationCache.Result result = cache.flatMap(ValidationCache::read).orElseGet(() -> {
            ValidationCache.Result fresh = validate();
            cache.ifPresent(entry -> entry.write(fresh));
            return fresh;
        });
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.print(result.err());
        err.flush();
        out.print(result.out());
        out.flush();
        return result.exitCode();
    }

    private ValidationCache.Result validate() {
        LoadedStack loaded = stack.load();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // Text diagnostics are errors for a person: stderr. Data formats are the command's output: stdout.
        format.print(loaded.diagnostics(), new PrintWriter(format == DiagnosticFormat.text ? err : out, true));
        if (loaded.valid() && format == DiagnosticFormat.text) {
            new PrintWriter(out, true).println(summary(loaded.canonical()));
        }
        return new ValidationCache.Result(loaded.valid() ? ExitCodes.OK : ExitCodes.ERROR, out.toString(), err.toString());
    }

    private static String summary(Stack stack) {
        return "stack " + stack.stack() + " is valid: " + count(stack.clusters().size(), "cluster") + ", "
                + count(stack.taskDefinitions().size(), "task definition") + ", "
                + count(stack.services().size(), "service") + ", "
                + count(stack.namespaces().size(), "namespace") + ", "
                + count(stack.loadBalancers().size(), "load balancer");
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
