package dev.berth.cli;

import dev.berth.schema.LoadedStack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.variables.VariableInputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The stack argument and its variables, shared by every command that reads a stack. */
public final class StackOptions {
    @Parameters(index = "0", paramLabel = "STACK",
            description = "A stack: one YAML file, or a directory whose *.yaml files are merged.")
    Path stack;

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "Set a stack variable (repeatable). Wins over --var-file and BERTH_VAR_<name>.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--var-file", paramLabel = "FILE",
            description = "Read variables from a YAML file of name: value (repeatable; later files win).")
    List<Path> varFiles = new ArrayList<>();

    /**
     * The stack, valid: otherwise its diagnostics end the command with exit code 1 before any host
     * is contacted. Warnings are printed to {@code err} and do not stop it.
     */
    public LoadedStack loadValid(java.io.PrintWriter err) {
        LoadedStack loaded = load();
        java.io.StringWriter text = new java.io.StringWriter();
        DiagnosticFormat.text.print(loaded.diagnostics(), new java.io.PrintWriter(text));
        if (!loaded.valid()) {
            throw UserError.preformatted(text.toString().stripTrailing());
        }
        err.print(text);
        return loaded;
    }

    public LoadedStack load() {
        return StackLoader.load(stack, VariableInputs.fromEnvironment(vars, varFiles, System.getenv()));
    }

    public Path path() {
        return stack;
    }
}
