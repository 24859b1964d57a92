package dev.berth.applier.observe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ContainerConfig;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.schema.environment.EnvironmentFiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds an {@link ObservedContainer} from the list entry (state, labels, image, ports) and the
 * inspect answer (what the list lacks), read as JSON ({@link dev.berth.applier.docker.EngineJson}).
 * Secret variables are dropped here, before anything else holds the environment.
 */
final class ContainerReading {
    private static final long MIB = 1024 * 1024;

    private ContainerReading() {
    }

    /**
     * @param inspected the engine's inspect answer, as JSON
     * @param files     the variables the stack's environment files give now, compared here so no value leaves
     */
    static ObservedContainer read(ListedContainer listed, JsonNode inspected, EnvironmentFiles files) {
        Map<String, String> labels = listed.labels();
        String state = listed.state();
        JsonNode engineState = inspected.path("State");
        JsonNode health = engineState.path("Health").path("Status");
        // The engine keeps the last exit code even once a container runs again; it only means something when stopped.
        Integer exitCode = stopped(state) && engineState.path("ExitCode").isIntegralNumber()
                ? engineState.get("ExitCode").intValue() : null;
        return new ObservedContainer(listed.id(), listed.name(), labels.get(BerthLabels.CONTAINER), state,
                health.isTextual() ? health.textValue() : null, exitCode, labels, listed.ports(),
                config(listed.image(), inspected, labels, files));
    }

    private static boolean stopped(String state) {
        return "exited".equals(state) || "dead".equals(state);
    }

    private static ContainerConfig config(String image, JsonNode inspected, Map<String, String> labels,
                                          EnvironmentFiles files) {
        JsonNode config = inspected.path("Config");
        JsonNode host = inspected.path("HostConfig");
        Map<String, String> environment = environmentWithoutSecrets(strings(config.path("Env")),
                labels.get(BerthLabels.SECRET_NAMES));
        List<String> fileChanges = new ArrayList<>();
        new TreeMap<>(files.of(labels.get(BerthLabels.FAMILY), labels.get(BerthLabels.CONTAINER)))
                .forEach((name, value) -> {
                    if (!value.equals(environment.get(name))) {
                        fileChanges.add(name);
                    }
                });
        return new ContainerConfig(image,
                List.of(strings(config.path("Cmd"))), List.of(strings(config.path("Entrypoint"))), environment,
                mebibytes(host.path("Memory").asLong()), mebibytes(host.path("MemoryReservation").asLong()),
                positiveOrNull(host.path("CpuShares").asInt()), fileChanges);
    }

    /** A JSON array of strings; the engine writes null, or leaves it out, for none. */
    private static String[] strings(JsonNode array) {
        String[] values = new String[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asText();
        }
        return values;
    }

    /**
     * The container's variables minus those its {@code berth.secret-names} label names, so that a
     * secret value is never kept, compared, printed or logged.
     */
    static Map<String, String> environmentWithoutSecrets(String[] env, String secretNamesLabel) {
        if (env == null) {
            return Map.of();
        }
        Set<String> secretNames = secretNamesLabel == null || secretNamesLabel.isBlank() ? Set.of()
                : Set.copyOf(Arrays.stream(secretNamesLabel.split(",")).map(String::strip).toList());
        Map<String, String> environment = new HashMap<>();
        for (String variable : env) {
            int equals = variable.indexOf('=');
            String name = equals < 0 ? variable : variable.substring(0, equals);
            if (!secretNames.contains(name)) {
                environment.put(name, equals < 0 ? "" : variable.substring(equals + 1));
            }
        }
        return environment;
    }

    private static Long mebibytes(long bytes) {
        return bytes == 0 ? null : bytes / MIB;
    }

    private static Integer positiveOrNull(int value) {
        return value == 0 ? null : value;
    }
}
