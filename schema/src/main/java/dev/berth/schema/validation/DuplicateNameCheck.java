package dev.berth.schema.validation;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.LogConfiguration;
import dev.berth.schema.model.Secret;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.model.Volume;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.berth.schema.source.SourceMap.child;

/**
 * Names that must be unique within their list: containers of a task, hosts of a cluster, volumes
 * of a task, environment and secret names of a container (together, since both become
 * environment variables), listener ports of a load balancer, and log driver options of a container
 * (options and secretOptions together, since both become the driver's options).
 */
final class DuplicateNameCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.clusters().forEach((name, cluster) -> Duplicates.report(cluster.hosts(), Host::name,
                i -> child(StackPointers.cluster(name), "hosts", i, "name"), positions,
                (host, line) -> "host \"" + host + "\" is declared twice in cluster \"" + name
                        + "\" (first at line " + line + "); host names must be unique within a cluster", out));
        stack.taskDefinitions().forEach((family, task) -> checkTask(family, task, positions, out));
        stack.loadBalancers().forEach((name, balancer) -> Duplicates.report(balancer.listeners(),
                LoadBalancer.Listener::port, i -> child(StackPointers.loadBalancer(name), "listeners", i, "port"),
                positions, (port, line) -> "load balancer \"" + name + "\" has two listeners on port " + port
                        + " (first at line " + line + "); each listener needs its own port", out));
    }

    private static void checkTask(String family, TaskDefinition task, SourceMap positions, Diagnostics out) {
        String at = StackPointers.taskDefinition(family);
        Duplicates.report(task.containerDefinitions(), ContainerDefinition::name,
                i -> child(StackPointers.container(family, i), "name"), positions,
                (name, line) -> "container name \"" + name + "\" is used twice in task definition \"" + family
                        + "\" (first at line " + line + "); container names must be unique within a task", out);
        Duplicates.report(task.volumes(), Volume::name, i -> child(at, "volumes", i, "name"), positions,
                (name, line) -> "volume \"" + name + "\" is declared twice in task definition \"" + family
                        + "\" (first at line " + line + "); volume names must be unique within a task", out);
        for (int c = 0; c < task.containerDefinitions().size(); c++) {
            checkContainerVariables(task.containerDefinitions().get(c), StackPointers.container(family, c),
                    positions, out);
            checkLogOptions(task.containerDefinitions().get(c), StackPointers.container(family, c), positions, out);
        }
    }

    private static void checkContainerVariables(ContainerDefinition container, String at, SourceMap positions,
                                                Diagnostics out) {
        String owner = "container \"" + container.name() + "\"";
        List<KeyValuePair> environment = container.environment();
        Duplicates.report(environment, KeyValuePair::name, i -> child(at, "environment", i, "name"), positions,
                (name, line) -> "environment variable \"" + name + "\" is set twice in " + owner
                        + " (first at line " + line + "); remove one", out);
        Duplicates.report(container.secrets(), Secret::name, i -> child(at, "secrets", i, "name"), positions,
                (name, line) -> "secret \"" + name + "\" is declared twice in " + owner
                        + " (first at line " + line + "); remove one", out);
        Map<String, Integer> secretIndex = new HashMap<>();
        for (int i = 0; i < container.secrets().size(); i++) {
            secretIndex.putIfAbsent(container.secrets().get(i).name(), i);
        }
        for (int i = 0; i < environment.size(); i++) {
            Integer secret = secretIndex.get(environment.get(i).name());
            if (secret != null) {
                int line = positions.value(child(at, "secrets", secret, "name")).line();
                out.error(positions.value(child(at, "environment", i, "name")), "environment variable \""
                        + environment.get(i).name() + "\" of " + owner + " is also a secret (line " + line
                        + "); both become the same variable, so keep only one");
            }
        }
    }

    private static void checkLogOptions(ContainerDefinition container, String at, SourceMap positions,
                                        Diagnostics out) {
        LogConfiguration logging = container.logConfiguration();
        if (logging == null) {
            return;
        }
        String owner = "container \"" + container.name() + "\"";
        String log = child(at, "logConfiguration");
        Duplicates.report(logging.secretOptions(), Secret::name, i -> child(log, "secretOptions", i, "name"),
                positions, (name, line) -> "log option \"" + name + "\" is in secretOptions twice in " + owner
                        + " (first at line " + line + "); remove one", out);
        for (int i = 0; i < logging.secretOptions().size(); i++) {
            String name = logging.secretOptions().get(i).name();
            if (logging.options().containsKey(name)) {
                int line = positions.key(child(log, "options", name)).line();
                out.error(positions.value(child(log, "secretOptions", i, "name")), "log option \"" + name
                        + "\" of " + owner + " is in both options (line " + line + ") and secretOptions; "
                        + "the driver takes one value, so keep only one");
            }
        }
    }
}
