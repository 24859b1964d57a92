package dev.berth.schema.variables;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Values supplied for stack variables, in order of precedence: {@code --var name=value}, then
 * {@code --var-file} files (a later file wins), then {@code BERTH_VAR_<name>} environment
 * variables, then the declared default.
 */
public record VariableInputs(Map<String, String> commandLine, List<Path> files, Map<String, String> environment) {
    public static final String ENVIRONMENT_PREFIX = "BERTH_VAR_";

    public VariableInputs {
        commandLine = Map.copyOf(commandLine);
        files = List.copyOf(files);
        environment = Map.copyOf(environment);
    }

    public static VariableInputs none() {
        return new VariableInputs(Map.of(), List.of(), Map.of());
    }

    /** Only the {@code BERTH_VAR_} entries of the process environment matter. */
    public static VariableInputs fromEnvironment(Map<String, String> commandLine, List<Path> files,
                                                 Map<String, String> processEnvironment) {
        return new VariableInputs(commandLine, files, processEnvironment.entrySet().stream()
                .filter(e -> e.getKey().startsWith(ENVIRONMENT_PREFIX))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
