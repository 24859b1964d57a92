package dev.berth.planner.plan;

import dev.berth.schema.model.LoadBalancer;
import java.util.List;

/**
 * Everything apply needs for one load balancer: its canonical spec and the services behind it, the
 * hosts whose container is created, recreated, reconfigured in place or removed, and the targets
 * to register or deregister on the containers that stay.
 *
 * @param spec       null for a load balancer the stack no longer declares
 * @param specHash   the hash of the configuration its containers are to run; null when none does
 * @param targets    every target the load balancer should have now: a container this plan creates
 *                   or reconfigures gets them (tasks this plan stops are drained from it later)
 * @param create     hosts where a container is created, none being there
 * @param recreate   hosts whose container is removed and created again (stopped, another image)
 * @param reload     hosts whose container takes the new configuration in place, without dropping
 *                   a connection
 * @param remove     hosts whose container is removed
 * @param register   targets a container that stays lacks
 * @param deregister targets a container that stays has, whose tasks are gone
 * @param discovery  for a Service Connect proxy, where it listens; null for a load balancer
 */
public record LoadBalancerDetail(String cluster, LoadBalancer spec, String specHash, List<Backend> backends,
                                 List<Target> targets, List<HostRef> create, List<HostRef> recreate,
                                 List<HostRef> reload, List<HostRef> remove, List<TargetChange> register,
                                 List<TargetChange> deregister, Discovery discovery) implements ChangeDetail {
    public LoadBalancerDetail {
        backends = Lists.copy(backends);
        targets = Lists.copy(targets);
        create = Lists.copy(create);
        recreate = Lists.copy(recreate);
        reload = Lists.copy(reload);
        remove = Lists.copy(remove);
        register = Lists.copy(register);
        deregister = Lists.copy(deregister);
    }

    /** A service behind the load balancer: the container port of its tasks that gets the traffic. */
    public record Backend(String service, String containerName, int containerPort) {
    }

    /**
     * One task's port behind the load balancer.
     *
     * @param host the task's host, whose address the load balancer reaches it at
     * @param port the host port the task's container port is published on
     */
    public record Target(String service, String taskId, HostRef host, int port) {
        /** {@code web-1-abc (h2:32768)}. */
        public String describe() {
            return taskId + " (" + host.host() + ":" + port + ")";
        }
    }

    /**
     * A Service Connect proxy's place: on each host, the namespace's network, where the tasks of
     * the namespace resolve these names to it; it publishes no port on its hosts.
     */
    public record Discovery(String namespace, List<String> aliases) {
        public Discovery {
            aliases = Lists.copy(aliases);
        }
    }

    /** A target to add to, or take from, the container on {@code at}. */
    public record TargetChange(HostRef at, Target target) {
    }
}
