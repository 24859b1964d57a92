package dev.berth.planner.reconcile;

import dev.berth.planner.loadbalancer.ServiceConnectProxies;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.schema.model.Service;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The names a running task answers to in its namespace, from the labels berth gave it. A task
 * started before berth recorded them has the service's own, as berth then always gave.
 */
public final class TaskNames {
    private TaskNames() {
    }

    public static List<String> of(ObservedTask task) {
        Map<String, String> labels = task.containers().isEmpty() ? Map.of() : task.containers().getFirst().labels();
        String namespace = labels.get(BerthLabels.NAMESPACE);
        if (namespace == null) {
            return List.of();
        }
        String aliases = labels.get(BerthLabels.ALIASES);
        if (aliases == null) {
            return List.of(task.service(), task.service() + "." + namespace);
        }
        return aliases.isEmpty() ? List.of() : Arrays.asList(aliases.split(","));
    }

    /** The names the service's tasks answer to now: none when its Service Connect proxies do. */
    public static List<String> wanted(String name, Service service) {
        return service.namespace() == null || ServiceConnectProxies.enabled(service) ? List.of()
                : List.of(name, name + "." + service.namespace());
    }

    /** Whether the task answers to other names than {@code wanted}, in any order. */
    public static boolean differ(ObservedTask task, List<String> wanted) {
        return !new TreeSet<>(of(task)).equals(new TreeSet<>(wanted));
    }

    /** For a reason's words: "web, web.internal", or "no name". */
    public static String describe(List<String> names) {
        return names.isEmpty() ? "no name" : String.join(", ", names);
    }
}
