package dev.berth.schema.validation;

import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.Echo;
import dev.berth.schema.source.SourceMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.berth.schema.source.SourceMap.child;

/**
 * Port mappings fit the task's network mode: none has no ports; host and awsvpc publish the
 * containerPort itself, so hostPort may only repeat it; and no port is bound twice in one network
 * namespace (the task's own in host/awsvpc mode, the host's for fixed bridge hostPorts).
 */
final class PortMappingCheck implements SemanticCheck {
    private static final int MAX_PORT = 65535;
    private static final int MAX_RANGES = 100;
    static final int MAX_RANGED_PORTS = 1000;

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.taskDefinitions().forEach((family, task) -> checkTask(family, task, positions, out));
    }

    private static void checkTask(String family, TaskDefinition task, SourceMap positions, Diagnostics out) {
        NetworkMode mode = TaskPorts.networkMode(task);
        List<TaskPorts.Mapping> mappings = TaskPorts.mappings(family, task);
        if (mode == NetworkMode.none) {
            mappings.stream().map(TaskPorts.Mapping::container).distinct().forEach(container -> out.error(
                    positions.key(portMappingsOf(mappings, container)), "container \"" + container
                            + "\" has portMappings, but task definition \"" + family + "\" uses networkMode none, "
                            + "which has no network to publish them on; remove them or choose another networkMode"));
            return;
        }
        boolean sharedNamespace = mode == NetworkMode.host || mode == NetworkMode.awsvpc;
        checkRanges(mode, mappings, positions, out);
        for (TaskPorts.Mapping mapping : mappings) {
            Integer hostPort = mapping.mapping().hostPort();
            if (sharedNamespace && mapping.mapping().containerPortRange() == null && hostPort != null
                    && !hostPort.equals(mapping.mapping().containerPort())) {
                out.error(positions.value(child(mapping.pointer(), "hostPort")), "in networkMode " + mode
                        + " a container port is published as itself, so hostPort must equal containerPort "
                        + mapping.mapping().containerPort() + " or be omitted; it is " + hostPort);
            }
        }
        String field = sharedNamespace ? "containerPort" : "hostPort";
        String why = sharedNamespace
                ? "the containers of a task in networkMode " + mode + " share one network namespace"
                : "a fixed hostPort can be bound only once per host; use hostPort 0 for a dynamic port";
        Duplicates.report(mappings,
                m -> m.mapping().containerPort() == null ? null
                        : sharedNamespace ? new TaskPorts.Bound(m.mapping().containerPort(), m.protocol())
                        : TaskPorts.onHost(mode, m),
                i -> child(mappings.get(i).pointer(), field), positions,
                (port, line) -> "port " + port + " is bound twice in task definition \"" + family
                        + "\" (first at line " + line + "); " + why, out);
    }

    /**
     * ECS's rules for containerPortRange: instead of containerPort, without hostPort, in bridge or
     * awsvpc mode, first below last, at most 100 per container, and no port in two mappings of a
     * container (of the task in awsvpc mode, whose containers share the ports). berth adds a bound on
     * the ports of a container's ranges: each is a host port and a docker-proxy process in bridge mode.
     */
    private static void checkRanges(NetworkMode mode, List<TaskPorts.Mapping> mappings, SourceMap positions,
                                    Diagnostics out) {
        Map<String, Integer> ranges = new HashMap<>();
        Map<String, Integer> rangedPorts = new HashMap<>();
        List<TaskPorts.Mapping> checked = new ArrayList<>();
        for (TaskPorts.Mapping mapping : mappings) {
            PortMapping port = mapping.mapping();
            String at = child(mapping.pointer(), "containerPortRange");
            if (port.containerPortRange() == null) {
                if (port.containerPort() == null) {
                    out.error(positions.value(mapping.pointer()), "a portMapping of container \"" + mapping.container()
                            + "\" needs containerPort or containerPortRange");
                } else {
                    overlap(mode, mapping, checked, positions, out);
                }
                continue;
            }
            if (port.containerPort() != null) {
                out.error(positions.value(at), "containerPortRange replaces containerPort (ECS rule); remove "
                        + "containerPort " + port.containerPort() + " or the range");
                continue;
            }
            if (port.hostPort() != null) {
                out.error(positions.value(child(mapping.pointer(), "hostPort")), "with containerPortRange the host "
                        + "ports are not given (ECS rule): in bridge mode each port of the range gets a dynamic one; "
                        + "remove hostPort");
            }
            if (mode == NetworkMode.host) {
                out.error(positions.value(at), "containerPortRange is for networkMode bridge or awsvpc (ECS rule); "
                        + "in host mode list the ports one by one");
                continue;
            }
            List<Integer> ports = port.containerPorts();
            if (ports.size() < 2 || ports.getFirst() < 1 || ports.getLast() > MAX_PORT) {
                out.error(positions.value(at), "containerPortRange " + Echo.quoted(port.containerPortRange())
                        + " must be \"first-last\" with 1 <= first < last <= " + MAX_PORT);
                continue;
            }
            int count = ranges.merge(mapping.container(), 1, Integer::sum);
            int total = rangedPorts.merge(mapping.container(), ports.size(), Integer::sum);
            if (count == MAX_RANGES + 1) {
                out.error(positions.value(at), "container \"" + mapping.container() + "\" has more than "
                        + MAX_RANGES + " containerPortRanges, the most ECS allows");
            } else if (total > MAX_RANGED_PORTS && total - ports.size() <= MAX_RANGED_PORTS) {
                out.error(positions.value(at), "the containerPortRanges of container \"" + mapping.container()
                        + "\" reach " + total + " ports with this one; berth publishes at most " + MAX_RANGED_PORTS
                        + " (each is a host port and a docker-proxy process)");
            }
            overlap(mode, mapping, checked, positions, out);
        }
    }

    /** Reports {@code mapping} when it or an earlier one it overlaps is a range, then adds it to {@code checked}. */
    private static void overlap(NetworkMode mode, TaskPorts.Mapping mapping, List<TaskPorts.Mapping> checked,
                                SourceMap positions, Diagnostics out) {
        List<Integer> ports = mapping.mapping().containerPorts();
        for (TaskPorts.Mapping earlier : checked) {
            List<Integer> earlierPorts = earlier.mapping().containerPorts();
            boolean anyRange = earlier.mapping().containerPortRange() != null
                    || mapping.mapping().containerPortRange() != null;
            if (anyRange && earlier.protocol().equals(mapping.protocol())
                    && (mode == NetworkMode.awsvpc || earlier.container().equals(mapping.container()))
                    && earlierPorts.getFirst() <= ports.getLast() && ports.getFirst() <= earlierPorts.getLast()) {
                out.error(positions.value(child(mapping.pointer(), field(mapping))), "ports "
                        + ports(mapping) + " overlap the portMapping at line "
                        + positions.value(child(earlier.pointer(), field(earlier))).line() + " (" + ports(earlier)
                        + "); a port can be in one portMapping only (ECS rule)");
                break;
            }
        }
        checked.add(mapping);
    }

    private static String field(TaskPorts.Mapping mapping) {
        return mapping.mapping().containerPortRange() == null ? "containerPort" : "containerPortRange";
    }

    private static String ports(TaskPorts.Mapping mapping) {
        PortMapping port = mapping.mapping();
        return (port.containerPortRange() == null ? String.valueOf(port.containerPort()) : port.containerPortRange())
                + "/" + mapping.protocol();
    }

    private static String portMappingsOf(List<TaskPorts.Mapping> mappings, String container) {
        String pointer = mappings.stream().filter(m -> Objects.equals(m.container(), container)).findFirst()
                .orElseThrow().pointer();
        return pointer.substring(0, pointer.lastIndexOf('/'));
    }
}
