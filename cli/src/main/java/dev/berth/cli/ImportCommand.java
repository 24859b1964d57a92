package dev.berth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.ecs.EcsImport;
import dev.berth.schema.source.Echo;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes a stack from definitions made for another tool. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Write a stack from definitions made for another tool.",
        subcommands = ImportCommand.Ecs.class)
public final class ImportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "ecs", mixinStandardHelpOptions = true,
            description = {"Write a stack of the ECS task definitions in FILE... (task-definition.json, "
                    + "describe-task-definition output, or a Terraform container_definitions array).",
                    "What does not carry over is listed at the top of the stack; the stack is validated."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the stack was written and is valid", "1:a file is unreadable, or the stack is not valid"})
    static final class Ecs implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "ECS task definition JSON files.")
        List<Path> files = new ArrayList<>();

        @Option(names = "--stack", defaultValue = "imported", paramLabel = "NAME",
                description = "Name of the stack (default: ${DEFAULT-VALUE}).")
        String stackName;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
                description = "Where to write the stack (YAML).")
        Path output;

        @Option(names = "--var", paramLabel = "NAME=VALUE",
                description = "A value for a ${NAME} placeholder of the files, to validate the stack with (repeatable).")
        Map<String, String> vars = new LinkedHashMap<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            List<EcsImport.Source> sources = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    throw new UserError(Echo.printable(file.toString()) + ": not a regular file");
                }
                try {
                    sources.add(new EcsImport.Source(file.getFileName().toString(), json.readTree(file.toFile())));
                } catch (JsonProcessingException e) {
                    throw new UserError(Echo.printable(file.toString()) + ":" + e.getLocation().getLineNr() + ":"
                            + e.getLocation().getColumnNr() + ": error: not JSON: " + e.getOriginalMessage());
                }
            }
            EcsImport.Result result = EcsImport.convert(stackName, sources);
            Files.writeString(output, yaml(result, files));
            PrintWriter err = spec.commandLine().getErr();
            result.notes().forEach(note -> err.println("berth: " + note));
            LoadedStack loaded = StackLoader.load(output, VariableInputs.fromEnvironment(vars, List.of(), Map.of()));
            DiagnosticFormat.text.print(loaded.diagnostics(), err);
            if (loaded.valid()) {
                spec.commandLine().getOut().println("wrote " + output + ": " + ValidateCommand.count(
                        loaded.source().taskDefinitions().size(), "task definition"));
            }
            err.flush();
            spec.commandLine().getOut().flush();
            return loaded.valid() ? ExitCodes.OK : ExitCodes.ERROR;
        }

        private static String yaml(EcsImport.Result result, List<Path> files) {
            StringBuilder text = new StringBuilder("# yaml-language-server: $schema=stack.schema.json\n"
                    + "# (write that file with: berth schema > stack.schema.json)\n#\n"
                    + "# Imported by berth import ecs from " + String.join(", ", files.stream()
                    .map(f -> Echo.printable(f.getFileName().toString())).toList()) + ".\n");
            if (!result.variables().isEmpty()) {
                text.append("# ${name} placeholders are variables: pass --var name=value or BERTH_VAR_name.\n");
            }
            for (String note : result.notes()) {
                text.append("# ").append(Echo.printable(note)).append('\n');
            }
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            options.setIndent(2);
            options.setIndicatorIndent(2);
            options.setIndentWithIndicator(true);
            options.setWidth(120);
            Object tree = new ObjectMapper().convertValue(result.stack(), Object.class);
            return text.append(new Yaml(options).dump(tree)).toString();
        }
    }
}
