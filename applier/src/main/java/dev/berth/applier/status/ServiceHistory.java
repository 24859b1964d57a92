package dev.berth.applier.status;

import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.observed.RevisionRecord;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The revisions of the task definition family a service runs, oldest first, with how many of the
 * service's tasks run each now: what {@code berth history} prints.
 */
public record ServiceHistory(String stack, String service, String family, List<Entry> revisions) {
    public ServiceHistory {
        revisions = List.copyOf(revisions);
    }

    /** @throws IllegalArgumentException the stack declares no such service; the message names those it does */
    public static ServiceHistory of(Stack stack, ObservedState observed, String serviceName) {
        String family = declared(stack, serviceName).taskDefinitionFamily();
        List<ObservedTask> tasks = observed.tasks().stream()
                .filter(t -> serviceName.equals(t.service()) && family.equals(t.family()) && t.running())
                .toList();
        List<Entry> entries = observed.revisions().stream()
                .filter(r -> family.equals(r.family()))
                .sorted(Comparator.comparingInt(RevisionRecord::revision))
                .map(r -> new Entry(r.revision(), r.specHash(), r.deployedAt(),
                        (int) tasks.stream().filter(t -> t.revision() == r.revision()).count()))
                .toList();
        return new ServiceHistory(stack.stack(), serviceName, family, entries);
    }

    /** @throws IllegalArgumentException the stack declares no such service; the message names those it does */
    public static Service declared(Stack stack, String serviceName) {
        Service service = stack.services().get(serviceName);
        if (service == null) {
            throw new IllegalArgumentException("stack " + stack.stack() + " has no service " + serviceName
                    + " (services: " + String.join(", ", new TreeSet<>(stack.services().keySet())) + ")");
        }
        return service;
    }

    /** One registered revision; {@code running} counts the service's running tasks on it. */
    public record Entry(int revision, String specHash, Instant deployedAt, int running) {
    }
}
