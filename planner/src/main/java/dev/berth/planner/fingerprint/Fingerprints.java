package dev.berth.planner.fingerprint;

import dev.berth.planner.Sha256;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.schema.canonical.CanonicalJson;
import dev.berth.schema.model.Stack;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stable SHA-256 fingerprints of a plan's two inputs, over a canonical, sorted serialization (one
 * JSON array per object, lines sorted), so a saved plan can tell whether either moved.
 * <p>
 * The observed fingerprint covers exactly what the planner reads: host reachability and capacity,
 * each task's identity, host, revision, spec hash and container states (with exit codes, which
 * reasons quote), revision numbers and hashes, networks, load balancers with the targets they
 * have (not those targets' health, which checks keep changing), and the counts and bounds auto
 * scaling recorded (which the plan keeps instead of desiredCount). It leaves out what
 * does not change a plan: container health short of unhealthy (a plan saved while a task was
 * starting still applies once it is healthy; a task that died or turned unhealthy, which the plan
 * would replace, makes it stale),
 * container and network ids, error texts, engine versions and revision timestamps.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    public static String desired(Stack canonical) {
        return "sha256:" + Sha256.hex(CanonicalJson.write(canonical));
    }

    public static ObservedFingerprint observed(ObservedState state) {
        return new ObservedFingerprint(
                of(state.hosts(), Fingerprints::host),
                of(state.tasks(), Fingerprints::task),
                of(state.revisions(), r -> fields(r.family(), r.revision(), r.specHash())),
                of(state.networks(), n -> fields(n.host(), n.name(), n.namespace())),
                of(state.loadBalancers(), lb -> fields(lb.cluster(), lb.host(), lb.name(), lb.specHash(), lb.image(),
                        lb.running(), lb.targets().stream().map(t -> t.service() + "/" + t.taskId() + ":" + t.port())
                                .sorted().toList())),
                of(state.scaled(), c -> fields(c.service(), c.count(), c.minCapacity(), c.maxCapacity())));
    }

    private static <T> String of(List<T> items, Function<T, String> line) {
        return "sha256:" + Sha256.hex(items.stream().map(line).sorted().collect(Collectors.joining("\n")));
    }

    private static String host(ObservedHost host) {
        ObservedHost.HostInfo info = host.info();
        return fields(host.cluster(), host.name(), host.endpoint(), host.reachable(),
                info == null ? null : info.cpus(), info == null ? null : info.memoryBytes());
    }

    private static String task(ObservedTask task) {
        String containers = task.containers().stream()
                .map(Fingerprints::containerState)
                .sorted()
                .collect(Collectors.joining(","));
        return fields(task.taskId(), task.cluster(), task.host(), task.service(), task.family(), task.revision(),
                task.specHash(), containers);
    }

    private static String containerState(ObservedContainer container) {
        return container.containerName() + "=" + container.state()
                + (container.running() || container.exitCode() == null ? "" : "(" + container.exitCode() + ")")
                + ("unhealthy".equals(container.health()) ? "!unhealthy" : "");
    }

    private static String fields(Object... values) {
        return CanonicalJson.write(Arrays.asList(values));
    }
}
