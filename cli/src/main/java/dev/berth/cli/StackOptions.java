package dev.berth.cli;

import dev.berth.schema.LoadedStack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.environment.EnvironmentFiles;
import dev.berth.schema.variables.VariableInputs;
import java.io.PrintWriter;
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
     * The stack, valid and with an engine for every host ({@link HostEndpoints}): otherwise its
     * diagnostics end the command with exit code 1 before any host is contacted. Warnings are
     * printed to {@code err} and do not stop it.
     */
    public LoadedStack loadValid(PrintWriter err) {
        LoadedStack loaded = HostEndpoints.check(load(), System.getenv());
        String text = DiagnosticFormat.text.format(loaded.diagnostics());
        if (!loaded.valid()) {
            throw UserError.preformatted(text);
        }
        if (!text.isEmpty()) {
            err.println(text);
        }
        return loaded;
    }

    /**
     * As {@link #loadValid(PrintWriter)}, but every diagnostic, warnings too, is a workflow command on
     * {@code out}, where GitHub Actions turns it into an annotation on the stack file's line.
     */
    public LoadedStack loadValidAnnotated(PrintWriter out) {
        LoadedStack loaded = HostEndpoints.check(load(), System.getenv());
        DiagnosticFormat.github.print(loaded.diagnostics(), out);
        out.flush();
        if (!loaded.valid()) {
            throw new UserError("stack " + DiagnosticFormat.display(stack) + " is invalid; "
                    + "its errors are the annotations above");
        }
        return loaded;
    }

    /**
     * The variables of the stack's environment files, read now (as plan and apply do every time);
     * a file that cannot be read is a positioned error and nothing on the hosts is touched.
     */
    public static EnvironmentFiles environmentFiles(LoadedStack loaded) {
        EnvironmentFiles.Read read = EnvironmentFiles.read(loaded);
        if (!read.errors().isEmpty()) {
            throw UserError.preformatted(DiagnosticFormat.text.format(read.errors()));
        }
        return read.files();
    }

    public LoadedStack load() {
        Map<String, String> environment = System.getenv();
        return StackLoader.load(stack, VariableInputs.fromEnvironment(vars, varFiles, environment),
                SchemaPassCache.forRun(this, environment));
    }

    /** Whether a variable is given on the command line or in the environment, not only in files. */
    boolean varsOutsideFiles(Map<String, String> environment) {
        return !vars.isEmpty()
                || environment.keySet().stream().anyMatch(name -> name.startsWith(VariableInputs.ENVIRONMENT_PREFIX));
    }

    public Path path() {
        return stack;
    }

    /**
     * The stack and its var files as on the command line, relative to the working directory:
     * {@code stacks/shop --var-file stacks/shop/vars/staging.yaml}. It names one environment of a
     * stack; {@code --var} and {@code BERTH_VAR_<name>} are left out because CI sets per-run values
     * (an image tag) that way.
     */
    public String source() {
        StringBuilder source = new StringBuilder(DiagnosticFormat.display(stack));
        varFiles.forEach(file -> source.append(" --var-file ").append(DiagnosticFormat.display(file)));
        return source.toString();
    }
}
