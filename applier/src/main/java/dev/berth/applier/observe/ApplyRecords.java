package dev.berth.applier.observe;

import com.github.dockerjava.api.DockerClient;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.applier.docker.EngineJson;
import dev.berth.applier.docker.EngineJson.Volume;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.schema.canonical.CanonicalJson;
import dev.berth.schema.model.Stack;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the last apply left on the hosts: a Docker volume {@code berth.<stack>.tasks.<millis>} on
 * every host that answered, the record in its labels.
 * <ul>
 * <li>Where the stack's tasks ran. A host that does not answer cannot say which tasks it runs; the
 * newest record on the others can, so the plan reports them lost (by name) instead of not knowing
 * they exist.</li>
 * <li>The stack it applied, canonical (secrets as their {@code valueFrom} only, as in a saved
 * plan), which {@code berth agent} enforces: any machine that reaches one host knows the whole
 * stack, with no stack file.</li>
 * </ul>
 * Best effort: a host that cannot be written is skipped. {@code destroy} removes the records.
 */
public final class ApplyRecords {
    public static final String KIND_TASKS = "tasks";
    static final String TASKS = "berth.tasks";
    static final String WRITTEN_AT = "berth.written-at";
    static final String APPLIED_STACK = "berth.applied-stack";
    static final String APPLIED_AT = "berth.applied-at";
    private static final RecordVolumes VOLUMES = new RecordVolumes(KIND_TASKS, TASKS);

    private ApplyRecords() {
    }

    /**
     * The observation plus, for each host that did not answer, the tasks the newest record places
     * there (without containers: their state is unknown).
     *
     * @param listings the record volumes of the engines that answered
     */
    static ObservedState withLost(ObservedState observed, RecordListings listings) {
        Set<String> away = observed.hosts().stream().filter(h -> !h.reachable())
                .map(h -> h.cluster() + "/" + h.name()).collect(Collectors.toSet());
        if (away.isEmpty()) {
            return observed;
        }
        Optional<String> record = VOLUMES.read(listings);
        if (record.isEmpty()) {
            return observed;
        }
        List<ObservedTask> tasks = new ArrayList<>(observed.tasks());
        Set<String> known = tasks.stream().map(ObservedTask::taskId).collect(Collectors.toSet());
        for (ObservedTask lost : parse(record.get())) {
            if (away.contains(lost.cluster() + "/" + lost.host()) && known.add(lost.taskId())) {
                tasks.add(lost);
            }
        }
        return new ObservedState(observed.stack(), observed.hosts(), tasks, observed.revisions(),
                observed.networks(), observed.loadBalancers(), observed.warnings(), observed.scaled(),
                observed.throttled());
    }

    /**
     * Records the tasks of {@code observed} (which includes the lost ones of hosts still away) and
     * {@code maybeStarted} (tasks an apply started on hosts that stopped answering meanwhile) on
     * every engine that answers, replacing older records there.
     *
     * @param listed the stack's record volumes as an observation just listed them, by engine; an
     *               engine left out is listed here
     * @return one line per engine that could not be written
     */
    public static List<String> write(Stack applied, ObservedState observed, Collection<ObservedTask> maybeStarted,
                                     Map<DockerEndpoint, List<Volume>> listed,
                                     DockerClients clients, List<ClusterHost> hosts, Clock clock) {
        String stack = applied.stack();
        Set<String> reachable = observed.hosts().stream().filter(ObservedHost::reachable)
                .map(h -> h.cluster() + "/" + h.name()).collect(Collectors.toSet());
        // By task id, so the same tasks make the same record whatever order the hosts answered in.
        Map<String, ObservedTask> tasks = new TreeMap<>();
        for (ObservedTask task : observed.tasks()) {
            if (task.service() != null) {
                tasks.putIfAbsent(task.taskId(), task);
            }
        }
        for (ObservedTask task : maybeStarted) {
            if (!reachable.contains(task.cluster() + "/" + task.host())) {
                tasks.putIfAbsent(task.taskId(), task);
            }
        }
        long now = clock.millis();
        String record = format(tasks.values());
        String stackJson = CanonicalJson.write(applied);
        String name = "berth." + stack + ".tasks." + now;
        Set<DockerEndpoint> engines = new LinkedHashSet<>();
        hosts.stream().filter(h -> reachable.contains(h.cluster() + "/" + h.name()))
                .forEach(h -> engines.add(h.endpoint()));
        List<String> failures = new ArrayList<>();
        for (DockerEndpoint engine : engines) {
            try {
                DockerClient client = clients.client(engine);
                List<Volume> existing = listed.containsKey(engine)
                        ? listed.get(engine).stream().filter(v -> KIND_TASKS.equals(v.labels().get(BerthLabels.KIND)))
                        .toList()
                        : VOLUMES.records(client, stack);
                // An apply that changed nothing finds its own record there already: keep it.
                if (existing.size() == 1 && record.equals(existing.getFirst().labels().get(TASKS))
                        && stackJson.equals(existing.getFirst().labels().get(APPLIED_STACK))) {
                    continue;
                }
                // When this stack was applied, carried over while it stays the same (an agent's
                // repairs rewrite the tasks, not the stack): schedules count from then.
                String appliedAt = existing.stream()
                        .filter(v -> stackJson.equals(v.labels().get(APPLIED_STACK)) && v.labels().get(APPLIED_AT) != null)
                        .map(v -> v.labels().get(APPLIED_AT)).findFirst().orElse(Long.toString(now));
                Map<String, String> labels = Map.of(BerthLabels.STACK, stack, BerthLabels.KIND, KIND_TASKS,
                        WRITTEN_AT, Long.toString(now), TASKS, record, APPLIED_STACK, stackJson, APPLIED_AT, appliedAt);
                EngineJson.of(client).createVolume(name, labels);
                for (Volume old : existing) {
                    if (!old.name().equals(name) && RecordVolumes.writtenAt(old) <= now) {
                        EngineJson.of(client).removeVolume(old.name());
                    }
                }
            } catch (RuntimeException failure) {
                failures.add(engine + ": " + EngineFailures.describe(failure));
            }
        }
        return failures;
    }

    /**
     * The stack the newest record on these engines says was applied, with when; empty when no
     * engine answers with one (never applied, destroyed, or recorded by a berth before the agent).
     */
    public static Optional<Applied> applied(String stack, DockerClients clients, Collection<DockerEndpoint> engines) {
        return VOLUMES.newest(RecordListings.of(stack, clients, engines), APPLIED_STACK).map(labels -> {
            long appliedAt = RecordVolumes.writtenAt(labels);
            try {
                appliedAt = Long.parseLong(labels.getOrDefault(APPLIED_AT, Long.toString(appliedAt)));
            } catch (NumberFormatException unreadable) {
                // As written, then.
            }
            return new Applied(CanonicalJson.read(labels.get(APPLIED_STACK), Stack.class), Instant.ofEpochMilli(appliedAt));
        });
    }

    /** The names of the stacks an apply recorded on the engine. */
    public static Set<String> stacks(DockerClient client) {
        Set<String> names = new TreeSet<>();
        EngineJson.of(client).listVolumes(List.of(BerthLabels.KIND + "=" + KIND_TASKS)).stream()
                .filter(v -> v.labels().get(APPLIED_STACK) != null && v.labels().get(BerthLabels.STACK) != null)
                .forEach(v -> names.add(v.labels().get(BerthLabels.STACK)));
        return names;
    }

    /** Removes the stack's records from the engine: after destroy, nothing is to be enforced. */
    public static void remove(String stack, DockerClient client) {
        VOLUMES.remove(stack, client);
    }

    /** A stack as an apply recorded it, and when an apply last changed it. */
    public record Applied(Stack stack, Instant at) {
    }

    /** One task per line: id, cluster, host, service, family, revision, spec hash ("-" for none). */
    static String format(Collection<ObservedTask> tasks) {
        return tasks.stream().map(t -> String.join(" ", t.taskId(), t.cluster(), t.host(), t.service(),
                t.family() == null ? "-" : t.family(), Integer.toString(t.revision()),
                t.specHash() == null ? "-" : t.specHash())).collect(Collectors.joining("\n"));
    }

    static List<ObservedTask> parse(String record) {
        List<ObservedTask> tasks = new ArrayList<>();
        for (String line : record.split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length != 7) {
                continue;
            }
            int revision;
            try {
                revision = Integer.parseInt(f[5]);
            } catch (NumberFormatException e) {
                continue;
            }
            tasks.add(new ObservedTask(f[0], f[1], f[2], f[3], "-".equals(f[4]) ? null : f[4], revision,
                    "-".equals(f[6]) ? null : f[6], List.of()));
        }
        return tasks;
    }
}
