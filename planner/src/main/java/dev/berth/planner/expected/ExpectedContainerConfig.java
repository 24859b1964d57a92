package dev.berth.planner.expected;

import dev.berth.planner.observed.ContainerConfig;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.TaskDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The Docker-visible settings of a container of a task, and how an observed container differs from them. */
public final class ExpectedContainerConfig {
    /** Docker rejects smaller CPU share values. */
    static final int MINIMUM_CPU_SHARES = 2;

    private ExpectedContainerConfig() {
    }

    /**
     * The settings berth creates {@code canonicalCd} with. Secrets are left out: their values are
     * resolved at apply time and never part of the expected state.
     */
    public static ContainerConfig of(TaskDefinition canonicalTd, ContainerDefinition canonicalCd) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (KeyValuePair entry : canonicalCd.environment()) {
            // Docker writes a variable without a value as NAME=, i.e. empty.
            environment.put(entry.name(), entry.value() == null ? "" : entry.value());
        }
        return new ContainerConfig(canonicalCd.image(), canonicalCd.command(), canonicalCd.entryPoint(),
                environment, toLong(canonicalTd.memoryLimitMiB(canonicalCd)), toLong(canonicalCd.memoryReservation()),
                cpuShares(canonicalTd, canonicalCd));
    }

    /** ECS cpu 0 means "no reservation", which Docker expresses as unset shares, not 0. */
    private static Integer cpuShares(TaskDefinition td, ContainerDefinition cd) {
        Integer units = positive(cd.cpu());
        if (units == null && positive(td.cpu()) != null) {
            units = td.cpu() / td.containerDefinitions().size();
        }
        return units == null ? null : Math.max(MINIMUM_CPU_SHARES, units);
    }

    private static Integer positive(Integer value) {
        return value != null && value > 0 ? value : null;
    }

    private static Long toLong(Integer value) {
        return value == null ? null : value.longValue();
    }

    /**
     * Human lines, one per difference, in a fixed order. Command and entry point count only when
     * declared (empty means the image's default). Only declared environment names are compared, so
     * variables the image adds (PATH, HOME) are not drift; secrets are in neither config.
     */
    public static List<String> differences(ContainerConfig expected, ContainerConfig observed) {
        List<String> lines = new ArrayList<>();
        if (!Objects.equals(expected.image(), observed.image())) {
            lines.add("image: expected " + expected.image() + ", found " + observed.image());
        }
        compareDeclared("command", expected.command(), observed.command(), lines);
        compareDeclared("entryPoint", expected.entryPoint(), observed.entryPoint(), lines);
        for (String name : new TreeSet<>(expected.environment().keySet())) {
            String want = expected.environment().get(name);
            String found = observed.environment().get(name);
            if (!Objects.equals(want, found)) {
                lines.add("environment " + name + ": expected " + quoted(want) + ", found "
                        + (found == null ? "not set" : quoted(found)));
            }
        }
        compare("memory", mib(expected.memoryMiB(), "unlimited"), mib(observed.memoryMiB(), "unlimited"), lines);
        compare("memory reservation", mib(expected.memoryReservationMiB(), "none"),
                mib(observed.memoryReservationMiB(), "none"), lines);
        compare("cpu shares", shares(expected.cpuShares()), shares(observed.cpuShares()), lines);
        return lines;
    }

    private static void compareDeclared(String what, List<String> expected, List<String> observed, List<String> lines) {
        if (!expected.isEmpty()) {
            compare(what, expected.toString(), observed.toString(), lines);
        }
    }

    private static void compare(String what, String expected, String observed, List<String> lines) {
        if (!expected.equals(observed)) {
            lines.add(what + ": expected " + expected + ", found " + observed);
        }
    }

    private static String mib(Long value, String whenUnset) {
        return value == null ? whenUnset : value + " MiB";
    }

    private static String shares(Integer value) {
        return value == null ? "default" : String.valueOf(value);
    }

    private static String quoted(String value) {
        // Escaped like a JSON string, so a value with a line break still reads as one line.
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                .replace("\r", "\\r") + "\"";
    }
}
