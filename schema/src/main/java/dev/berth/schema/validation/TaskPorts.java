package dev.berth.schema.validation;

import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.TaskDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.berth.schema.source.SourceMap.child;

/** The port mappings of a task, flattened, with the ports they occupy in each network namespace. */
final class TaskPorts {

    /** One portMapping of one container; {@code pointer} is the mapping's JSON Pointer. */
    record Mapping(String container, PortMapping mapping, String pointer) {
        String protocol() {
            return mapping.protocol() == null ? "tcp" : mapping.protocol().name();
        }

        boolean hasFixedHostPort() {
            return mapping.hostPort() != null && mapping.hostPort() != 0;
        }
    }

    /** A port bound in one network namespace (the host's, or the task's own). */
    record Bound(int port, String protocol) {
        @Override
        public String toString() {
            return port + "/" + protocol;
        }
    }

    private TaskPorts() {
    }

    static NetworkMode networkMode(TaskDefinition task) {
        return Objects.requireNonNullElse(task.networkMode(), NetworkMode.bridge);
    }

    static List<Mapping> mappings(String family, TaskDefinition task) {
        List<Mapping> mappings = new ArrayList<>();
        for (int c = 0; c < task.containerDefinitions().size(); c++) {
            var container = task.containerDefinitions().get(c);
            for (int m = 0; m < container.portMappings().size(); m++) {
                mappings.add(new Mapping(container.name(), container.portMappings().get(m),
                        child(StackPointers.container(family, c), "portMappings", m)));
            }
        }
        return mappings;
    }

    /**
     * The host port a mapping occupies: every containerPort in host mode, a fixed hostPort in
     * bridge mode; none with awsvpc (the task has its own namespace) or a dynamic hostPort.
     */
    static Bound onHost(NetworkMode mode, Mapping mapping) {
        return switch (mode) {
            // A range is refused in host mode (PortMappingCheck), and then binds nothing here.
            case host -> mapping.mapping().containerPort() == null ? null
                    : new Bound(mapping.mapping().containerPort(), mapping.protocol());
            case bridge -> mapping.hasFixedHostPort() ? new Bound(mapping.mapping().hostPort(), mapping.protocol()) : null;
            case awsvpc, none -> null;
        };
    }

    static List<Bound> boundOnHost(String family, TaskDefinition task) {
        NetworkMode mode = networkMode(task);
        return mappings(family, task).stream().map(m -> onHost(mode, m)).filter(Objects::nonNull).distinct().toList();
    }
}
