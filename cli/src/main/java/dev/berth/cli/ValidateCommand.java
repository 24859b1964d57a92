package dev.berth.cli;

import dev.berth.schema.LoadedStack;
import dev.berth.schema.model.Stack;
import java.io.PrintWriter;
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
        LoadedStack loaded = stack.load();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Text diagnostics are errors for a person: stderr. Data formats are the command's output: stdout.
        format.print(loaded.diagnostics(), format == DiagnosticFormat.text ? err : out);
        if (loaded.valid() && format == DiagnosticFormat.text) {
            out.println(summary(loaded.canonical()));
        }
        out.flush();
        err.flush();
        return loaded.valid() ? ExitCodes.OK : ExitCodes.ERROR;
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
