package dev.berth.applier.agent.install;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.berth.planner.observed.BerthLabels;

import java.util.List;
import java.util.Map;

/**
 * How a stack's agent runs on one engine. A re-install compares it with what the engine says the
 * container runs, rather than with a hash in a label, since the environment may hold secrets.
 * <ul>
 * <li>The host's network, so {@code --listen} is on the host's loopback and tcp:// engines are
 * reached as from the host.</li>
 * <li>The host's process ids: the leader lease and the stack's lock record the holder's machine
 * and pid, and berth on that machine judges a holder gone when its pid is. In a pid namespace of
 * its own the agent would be pid 1, which berth on the host would take for init, not the agent:
 * a live agent's lock would look stale and be taken over. With the host's, the agent is one more
 * process there, and {@code --status} finds the leader by the container's pid.</li>
 * <li>{@code unless-stopped}: the engine starts it again after a crash or a reboot, and a
 * {@code docker stop} by hand holds until the next install.</li>
 * </ul>
 *
 * @param command the launcher's arguments: {@code agent}, its flags, the stack
 * @param env     variables berth reads (as {@code NAME=value}), as the installing shell set them
 * @param binds   what is mounted, as {@code docker run -v} says it: {@code PATH:PATH} or {@code PATH:PATH:ro}
 */
public record AgentContainer(String stack, String image, List<String> command, List<String> env,
                             List<String> binds) {
    public AgentContainer {
        command = List.copyOf(command);
        env = List.copyOf(env);
        binds = List.copyOf(binds);
    }

    /** Beside its load balancers' {@code berth-<stack>-lb-<name>}. */
    public static String name(String stack) {
        return "berth-" + stack + "-agent";
    }

    /** Created, not started. */
    String create(DockerClient client, String cluster) {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode("host")
                .withPidMode("host")
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart())
                .withBinds(binds.stream().map(Bind::parse).toList());
        return client.createContainerCmd(image)
                .withName(name(stack))
                .withCmd(command)
                .withEnv(env)
                .withLabels(Map.of(BerthLabels.STACK, stack, BerthLabels.KIND, BerthLabels.KIND_AGENT,
                        BerthLabels.CLUSTER, cluster))
                .withHostConfig(host)
                .exec()
                .getId();
    }
}
