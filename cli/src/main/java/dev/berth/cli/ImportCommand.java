package dev.berth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.compose.ComposeImport;
import dev.berth.schema.ecs.EcsImport;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.Echo;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes a stack from definitions made for another tool. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Write a stack from definitions made for another tool.",
        subcommands = {ImportCommand.Ecs.class, ImportCommand.Compose.class})
public final class ImportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every import is asked for, and how it writes and checks the stack. */
    static final class Output {
        @Option(names = "--stack", paramLabel = "NAME",
                description = "Name of the stack (default: imported, or for compose the file's name: if it has one).")
        String stackName;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
                description = "Where to write the stack (YAML).")
        Path output;

        @Option(names = "--var", paramLabel = "NAME=VALUE",
                description = "A value for a $${NAME} placeholder of the files, to validate the stack with (repeatable).")
        Map<String, String> vars = new LinkedHashMap<>();

        /**
         * Writes the stack after the editor modeline and {@code header}, with {@code placed}
         * comments above the nodes their JSON Pointer names, prints {@code notes} on stderr, and
         * validates what it wrote.
         */
        int write(CommandLine.Model.CommandSpec spec, String tool, List<Path> files, ObjectNode stack,
                  List<String> header, Map<String, List<String>> placed, List<String> notes) throws IOException {
            StringBuilder text = new StringBuilder("# yaml-language-server: $schema=stack.schema.json\n"
                    + "# (write that file with: berth schema > stack.schema.json)\n#\n"
                    + "# Imported by berth import " + tool + " from " + String.join(", ", files.stream()
                    .map(f -> Echo.printable(f.getFileName().toString())).toList()) + ".\n");
            if (stack.has("variables")) {
                text.append("# ${name} placeholders are variables: pass --var name=value or BERTH_VAR_name.\n");
            }
            header.forEach(line -> text.append("# ").append(Echo.printable(line)).append('\n'));
            try {
                Files.writeString(output, text.append(yaml(stack, placed)).toString());
            } catch (IOException e) {
                throw new UserError("cannot write " + Echo.printable(output.toString()) + ": "
                        + (e instanceof java.nio.file.NoSuchFileException ? "no such directory" : e.getMessage()));
            }
            PrintWriter err = spec.commandLine().getErr();
            notes.forEach(err::println);
            LoadedStack loaded = StackLoader.load(output, VariableInputs.fromEnvironment(vars, List.of(), Map.of()));
            DiagnosticFormat.text.print(loaded.diagnostics(), err);
            if (loaded.valid()) {
                spec.commandLine().getOut().println("wrote " + output + ": " + ValidateCommand.count(
                        loaded.source().taskDefinitions().size(), "task definition")
                        + (loaded.source().services().isEmpty() ? ""
                        : ", " + ValidateCommand.count(loaded.source().services().size(), "service")));
            }
            err.flush();
            spec.commandLine().getOut().flush();
            return loaded.valid() ? ExitCodes.OK : ExitCodes.ERROR;
        }

        private static String yaml(ObjectNode stack, Map<String, List<String>> placed) {
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            options.setIndent(2);
            options.setIndicatorIndent(2);
            options.setIndentWithIndicator(true);
            options.setWidth(120);
            options.setProcessComments(true);
            Yaml yaml = new Yaml(options);
            Node root = yaml.represent(new ObjectMapper().convertValue(stack, Object.class));
            placed.forEach((pointer, lines) -> {
                List<CommentLine> comments = new ArrayList<>(Objects.requireNonNullElse(
                        commented(root, pointer).getBlockComments(), List.of()));
                lines.forEach(line -> comments.add(new CommentLine(null, null, " " + Echo.printable(line),
                        CommentType.BLOCK)));
                commented(root, pointer).setBlockComments(comments);
            });
            StringWriter out = new StringWriter();
            yaml.serialize(root, out);
            return out.toString();
        }

        /** The node a comment on {@code pointer} stands above: a mapping's key, a list's item. */
        private static Node commented(Node root, String pointer) {
            Node at = root;
            Node commented = root;
            for (String segment : pointer.substring(1).split("/")) {
                String name = segment.replace("~1", "/").replace("~0", "~");
                if (at instanceof MappingNode mapping) {
                    for (NodeTuple tuple : mapping.getValue()) {
                        if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
                            commented = key;
                            at = tuple.getValueNode();
                        }
                    }
                } else if (at instanceof SequenceNode sequence && name.matches("[0-9]+")
                        && Integer.parseInt(name) < sequence.getValue().size()) {
                    at = sequence.getValue().get(Integer.parseInt(name));
                    commented = at;
                }
            }
            return commented;
        }
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

        @Mixin
        Output output;

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
            EcsImport.Result result = EcsImport.convert(Objects.requireNonNullElse(output.stackName, "imported"),
                    sources);
            return output.write(spec, "ecs", files, result.stack(), result.notes(), Map.of(),
                    result.notes().stream().map(note -> "berth: " + note).toList());
        }
    }

    @Command(name = "compose", mixinStandardHelpOptions = true,
            description = {"Write a stack of the services of a compose file: one task definition and one service "
                    + "each, on cluster main (the engine the docker CLI uses), compose networks as namespaces.",
                    "What does not carry over is a comment where it applies in the stack and a warning on stderr; "
                            + "the stack is validated."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the stack was written and is valid",
                    "1:the compose file is unreadable, or the stack is not valid"})
    static final class Compose implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The compose file (docker-compose.yml, compose.yaml).")
        Path file;

        @Mixin
        Output output;

        @Option(names = "--image", paramLabel = "NAME=IMAGE",
                description = "Run IMAGE for the compose service NAME, or wherever the file names image NAME "
                        + "(repeatable): a mirror, a pinned tag, an image built elsewhere.")
        Map<String, String> images = new LinkedHashMap<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ComposeImport.Result result = ComposeImport.convert(file,
                    output.output.toAbsolutePath().getParent(), output.stackName, images);
            PrintWriter err = spec.commandLine().getErr();
            if (result.errors().hasErrors()) {
                DiagnosticFormat.text.print(result.errors().sorted(), err);
                err.flush();
                return ExitCodes.ERROR;
            }
            List<String> header = new ArrayList<>();
            Map<String, List<String>> placed = new LinkedHashMap<>();
            Diagnostics warnings = new Diagnostics();
            for (ComposeImport.Note note : result.notes()) {
                String line = DiagnosticFormat.location(note.at()) + ": " + note.text();
                if (note.stackPointer().isEmpty()) {
                    header.add(line);
                } else {
                    placed.computeIfAbsent(note.stackPointer(), p -> new ArrayList<>()).add(line);
                }
                warnings.warning(note.at(), note.text());
            }
            StringWriter notes = new StringWriter();
            DiagnosticFormat.text.print(warnings.sorted(), new PrintWriter(notes));
            return output.write(spec, "compose", List.of(file), result.stack(), header, placed,
                    notes.toString().lines().toList());
        }
    }
}
