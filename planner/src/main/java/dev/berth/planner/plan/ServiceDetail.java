package dev.berth.planner.plan;

import dev.berth.schema.model.TaskDefinition;
import java.util.List;

/**
 * Everything a service's deployment needs: the cluster whose hosts the placement names, what new
 * tasks run, when repeated failures end the deployment, the batches and the placement.
 *
 * @param launch    what new tasks run; null when the change starts none (a removed service)
 * @param breaker   null when the change starts no task
 * @param rollout   null when no running task starts or stops (only exited ones are removed)
 * @param loadBalancers the load balancers its tasks register with
 * @param after     the services of its dependsOn that this plan deploys: apply starts this one when
 *                  their deployments have succeeded (a dependency the plan leaves alone is no wait)
 */
public record ServiceDetail(String cluster, Launch launch, CircuitBreaker breaker, Rollout rollout,
                            ServicePlacement placement, List<LoadBalancerRegistration> loadBalancers,
                            List<String> after)
        implements ChangeDetail {
    public ServiceDetail {
        loadBalancers = Lists.copy(loadBalancers);
        after = Lists.copy(after);
    }

    /** The same detail, deployed after {@code services}. */
    public ServiceDetail after(List<String> services) {
        return new ServiceDetail(cluster, launch, breaker, rollout, placement, loadBalancers, services);
    }

    /**
     * The revision new tasks run, with the service settings a task needs to start.
     *
     * @param definition the canonical definition of {@code family:revision}
     * @param namespace  the service's namespace, or null
     * @param aliases    the names its tasks answer to in the namespace: the service's own, none when
     *                   its Service Connect proxies answer to them
     */
    public record Launch(String family, int revision, String specHash, TaskDefinition definition, String namespace,
                         List<String> aliases, int healthCheckGracePeriodSeconds) {
        public Launch {
            aliases = Lists.copy(aliases);
        }

        /** {@code family:N}. */
        public String label() {
            return family + ":" + revision;
        }
    }
}
