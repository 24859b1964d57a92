package dev.berth.schema.canonical;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.HealthCheck;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.LinuxParameters;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.PlacementConstraint;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.Secret;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.model.Volume;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Compact construction of model records for canonicalization tests. */
final class Fixtures {

    static final String FAMILY = "web";

    private Fixtures() {
    }

    static ContainerBuilder container(String name, String image) {
        return new ContainerBuilder(name, image);
    }

    static TaskDefinition task(NetworkMode networkMode, ContainerBuilder... containers) {
        return task(networkMode, List.of(), List.of(), containers);
    }

    static TaskDefinition task(NetworkMode networkMode, List<Volume> volumes, List<PlacementConstraint> constraints,
                               ContainerBuilder... containers) {
        return new TaskDefinition(List.of(), networkMode, null, null, null,
                List.of(containers).stream().map(ContainerBuilder::build).toList(), volumes, constraints, null, null);
    }

    static Service service(String taskDefinition) {
        return new Service("main", taskDefinition, null, null, null, null, null, List.of(), List.of(), List.of(), null, null, null);
    }

    static Stack stack(Map<String, TaskDefinition> taskDefinitions, Map<String, Service> services) {
        return new Stack(1, "shop", Map.of(), Map.of(), Map.of(), taskDefinitions, services, Map.of());
    }

    /** The canonical form of a task definition, obtained through the public stack-level entry point. */
    static TaskDefinition canonical(TaskDefinition task) {
        return Canonicalizer.canonicalize(stack(Map.of(FAMILY, task), Map.of())).taskDefinitions().get(FAMILY);
    }

    static void assertSameCanonicalForm(TaskDefinition expected, TaskDefinition actual) {
        assertEquals(canonical(expected), canonical(actual));
        assertEquals(ContentHash.of(canonical(expected)), ContentHash.of(canonical(actual)));
    }

    static void assertDifferentHash(TaskDefinition one, TaskDefinition other) {
        assertNotEquals(ContentHash.of(canonical(one)), ContentHash.of(canonical(other)));
    }

    static final class ContainerBuilder {
        private final String name;
        private final String image;
        private Boolean essential;
        private List<String> command = List.of();
        private List<KeyValuePair> environment = List.of();
        private List<Secret> secrets = List.of();
        private List<PortMapping> portMappings = List.of();
        private HealthCheck healthCheck;
        private Integer stopTimeout;
        private LinuxParameters linuxParameters;

        private ContainerBuilder(String name, String image) {
            this.name = name;
            this.image = image;
        }

        ContainerBuilder essential(Boolean value) {
            essential = value;
            return this;
        }

        ContainerBuilder command(String... argv) {
            command = List.of(argv);
            return this;
        }

        ContainerBuilder environment(KeyValuePair... entries) {
            environment = List.of(entries);
            return this;
        }

        ContainerBuilder secrets(Secret... entries) {
            secrets = List.of(entries);
            return this;
        }

        ContainerBuilder ports(PortMapping... mappings) {
            portMappings = List.of(mappings);
            return this;
        }

        ContainerBuilder healthCheck(HealthCheck check) {
            healthCheck = check;
            return this;
        }

        ContainerBuilder stopTimeout(Integer seconds) {
            stopTimeout = seconds;
            return this;
        }

        ContainerBuilder linuxParameters(LinuxParameters parameters) {
            linuxParameters = parameters;
            return this;
        }

        ContainerDefinition build() {
            return new ContainerDefinition(name, image, essential, command, List.of(), environment, secrets,
                    portMappings, null, null, null, healthCheck, List.of(), List.of(), List.of(), null, null,
                    stopTimeout, null, Map.of(), List.of(), linuxParameters, null, null, null, List.of(), List.of(),
                    List.of(), List.of(), List.of(), List.of(), null, null, null, null, null, null, null, null);
        }
    }
}
