package dev.berth.schema.environment;

import dev.berth.schema.LoadedStack;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.EnvironmentFile;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.Secret;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.source.Diagnostic;
import dev.berth.schema.source.SourceMap;
import dev.berth.schema.source.SourcePosition;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables the containers' {@code environmentFiles} give, read when berth plans and applies.
 * They live in memory only: the model holds the paths as written, and plans, labels, records and
 * messages name variables and files, never values. Each container's map is what it gets from its
 * files: an earlier file wins over a later one, as the ECS agent merges them, and a variable the
 * container's {@code environment} or {@code secrets} set is left out, since those win.
 */
public final class EnvironmentFiles {
    public static final EnvironmentFiles NONE = new EnvironmentFiles(Map.of());
    /** A file is read whole; a bound keeps a wrong path (a log, a device) from taking the heap. */
    private static final long MAX_BYTES = 1024 * 1024;

    /** The files read, or the positioned reasons none could be. */
    public record Read(EnvironmentFiles files, List<Diagnostic> errors) {
        public Read {
            errors = List.copyOf(errors);
        }
    }

    /** family -> container -> variable -> its value and the file (as written) it comes from. */
    private final Map<String, Map<String, Map<String, Variable>>> variables;

    private record Variable(String value, String file) {
    }

    private EnvironmentFiles(Map<String, Map<String, Map<String, Variable>>> variables) {
        this.variables = variables;
    }

    /** Reads the type file entries of a valid stack, each relative to the stack file that declares it. */
    public static Read read(LoadedStack loaded) {
        Map<String, Map<String, Map<String, Variable>>> all = new HashMap<>();
        List<Diagnostic> errors = new ArrayList<>();
        loaded.source().taskDefinitions().forEach((family, definition) -> {
            for (int c = 0; c < definition.containerDefinitions().size(); c++) {
                ContainerDefinition container = definition.containerDefinitions().get(c);
                String at = SourceMap.pointer("taskDefinitions", family, "containerDefinitions", c, "environmentFiles");
                Map<String, Variable> own = container(container, at, loaded.positions(), errors);
                if (!own.isEmpty()) {
                    all.computeIfAbsent(family, f -> new HashMap<>()).put(container.name(), own);
                }
            }
        });
        return new Read(errors.isEmpty() ? new EnvironmentFiles(all) : NONE, errors);
    }

    private static Map<String, Variable> container(ContainerDefinition container, String at, SourceMap positions,
                                                   List<Diagnostic> errors) {
        Set<String> declared = new HashSet<>();
        container.environment().stream().map(KeyValuePair::name).forEach(declared::add);
        container.secrets().stream().map(Secret::name).forEach(declared::add);
        Map<String, Variable> variables = new LinkedHashMap<>();
        for (int i = 0; i < container.environmentFiles().size(); i++) {
            EnvironmentFile file = container.environmentFiles().get(i);
            SourcePosition position = positions.value(SourceMap.child(at, i, "value"));
            Path base = position.file() == null ? Path.of("") : position.file().toAbsolutePath().getParent();
            Path path = base.resolve(file.value()).normalize();
            String subject = "environment file " + file.value() + " of container " + container.name();
            try {
                // A FIFO or a device reports size 0 and then never ends: only a regular file is read.
                if (Files.exists(path) && !Files.isRegularFile(path)) {
                    errors.add(Diagnostic.error(position, subject + " is not a regular file (" + path + ")"));
                    continue;
                }
                if (Files.size(path) > MAX_BYTES) {
                    errors.add(Diagnostic.error(position, subject + " is larger than 1 MiB (" + path + ")"));
                    continue;
                }
                List<Integer> badLines = new ArrayList<>();
                parse(Files.readAllLines(path), badLines).forEach((name, value) -> {
                    if (!declared.contains(name)) {
                        variables.putIfAbsent(name, new Variable(value, file.value()));
                    }
                });
                // The lines are not echoed: one may be a value that lost its name.
                badLines.forEach(n -> errors.add(Diagnostic.error(position, subject + ": line " + n + " of " + path
                        + " is not VARIABLE=VALUE")));
            } catch (NoSuchFileException e) {
                errors.add(Diagnostic.error(position, subject + " does not exist (" + path + ")"));
            } catch (CharacterCodingException e) {
                errors.add(Diagnostic.error(position, subject + " is not UTF-8 text (" + path + ")"));
            } catch (IOException e) {
                errors.add(Diagnostic.error(position, subject + " cannot be read (" + path + ": "
                        + e.getClass().getSimpleName() + ")"));
            }
        }
        return variables;
    }

    /**
     * One file's variables: {@code VARIABLE=VALUE} lines, the value as written after the first
     * {@code =}; blank lines and lines starting with {@code #} are skipped; a later line wins.
     *
     * @param badLines gets the (1-based) number of each line that is not {@code VARIABLE=VALUE}
     */
    public static Map<String, String> parse(List<String> lines, List<Integer> badLines) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = lines.get(n).indexOf('=');
            String name = equals < 0 ? "" : lines.get(n).substring(0, equals).strip();
            if (name.isEmpty()) {
                badLines.add(n + 1);
            } else {
                variables.put(name, lines.get(n).substring(equals + 1));
            }
        }
        return variables;
    }

    /** What a container of a family gets from its files, by variable name; empty when it has none. */
    public Map<String, String> of(String family, String container) {
        Map<String, String> values = new LinkedHashMap<>();
        own(family, container).forEach((name, variable) -> values.put(name, variable.value()));
        return values;
    }

    /** Null names (a container without berth's labels) have no files. */
    private Map<String, Variable> own(String family, String container) {
        if (family == null || container == null) {
            return Map.of();
        }
        return variables.getOrDefault(family, Map.of()).getOrDefault(container, Map.of());
    }

    /** The file (as written in the stack) a container's variable comes from, for messages; null when none. */
    public String fileOf(String family, String container, String variable) {
        Variable found = own(family, container).get(variable);
        return found == null ? null : found.file();
    }

    /** Whether a task definition's containers read any environment file. */
    public static boolean uses(TaskDefinition definition) {
        return definition.containerDefinitions().stream().anyMatch(c -> !c.environmentFiles().isEmpty());
    }
}
