package dev.berth.applier.deploy;

import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.task.TaskResult;
import dev.berth.applier.task.TaskSpec;
import dev.berth.planner.plan.LoadBalancerRegistration;

import java.util.List;
import java.util.function.Function;

/**
 * The load balancers a deployment's tasks go through, as ECS uses target groups: a new task counts
 * only once every load balancer of its service reports it healthy, and an old one is drained
 * before it stops. The only part of a deployment that talks to load balancers.
 */
public interface TargetRegistry {
    /** For services behind no load balancer, and for testing the deployment engine alone. */
    TargetRegistry NONE = new TargetRegistry() {
        @Override
        public TaskResult register(TaskSpec task, List<LoadBalancerRegistration> registrations,
                                   Function<String, ClusterHost> hosts) {
            return TaskResult.ok(task.taskId());
        }

        @Override
        public void drain(ClusterHost taskHost, String service, String taskId,
                          List<LoadBalancerRegistration> registrations, Function<String, ClusterHost> hosts) {
        }

        @Override
        public void forget(ClusterHost taskHost, String service, String taskId,
                           List<LoadBalancerRegistration> registrations, Function<String, ClusterHost> hosts) {
        }
    };

    /**
     * Adds the task's registered port to every container of each load balancer, none of which sends
     * it a request before its own checks pass, and waits until all report it healthy.
     *
     * @param hosts the service's cluster hosts by name, where the load balancers run
     * @return failed, with what the load balancer saw, when it is not healthy within the checks' time
     */
    TaskResult register(TaskSpec task, List<LoadBalancerRegistration> registrations,
                        Function<String, ClusterHost> hosts);

    /**
     * Stops new requests to the task on every load balancer and returns once its open connections
     * have ended or the deregistration delay has passed; it then gets no more traffic.
     */
    void drain(ClusterHost taskHost, String service, String taskId, List<LoadBalancerRegistration> registrations,
               Function<String, ClusterHost> hosts);

    /** Removes the task from every load balancer, once it stopped or failed. */
    void forget(ClusterHost taskHost, String service, String taskId, List<LoadBalancerRegistration> registrations,
                Function<String, ClusterHost> hosts);
}
