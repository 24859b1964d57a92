package dev.berth.schema.model;

import java.util.List;

/**
 * A load balancer run by berth on a host of its cluster, in front of the tasks of the services
 * that register with it.
 *
 * @param host                which host of the cluster runs it (null: the first)
 * @param deregistrationDelay seconds a deregistered task keeps draining
 */
public record LoadBalancer(String cluster, String host, List<Listener> listeners, TargetHealthCheck healthCheck,
                           Integer deregistrationDelay, Algorithm algorithm) {
    public LoadBalancer {
        listeners = Immutable.list(listeners);
    }

    public record Listener(Integer port, Protocol protocol) {
        public enum Protocol { http, tcp }
    }

    /** Times are seconds; {@code matcher} is an HTTP status range such as {@code 200-399}. */
    public record TargetHealthCheck(String path, Integer interval, Integer timeout, Integer healthyThreshold,
                                    Integer unhealthyThreshold, String matcher) {
    }

    public enum Algorithm { round_robin, least_outstanding_requests }
}
