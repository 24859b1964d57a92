package dev.berth.schema.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A load balancer run by berth on hosts of its cluster, in front of the tasks of the services
 * that register with it.
 *
 * @param host                which host of the cluster runs it (null: {@code hosts}, else the first)
 * @param hosts               the hosts that each run a copy (canonical form: always set, in the
 *                            stack's order; empty means the first host of the cluster)
 * @param deregistrationDelay seconds a deregistered task keeps draining
 * @param slowStart           seconds a new target's share ramps up over; 0 for none
 */
public record LoadBalancer(String cluster, String host, List<String> hosts, List<Listener> listeners,
                           TargetHealthCheck healthCheck, Integer deregistrationDelay, Algorithm algorithm,
                           Integer slowStart) {
    public LoadBalancer {
        hosts = Immutable.list(hosts);
        listeners = Immutable.list(listeners);
    }

    /**
     * @param certificate  https: {@code file:/path} of the PEM certificate; null otherwise
     * @param privateKey   https: {@code file:/path} of its key; null otherwise
     * @param defaultAction null: forward to the one service that registers
     */
    public record Listener(Integer port, Protocol protocol, String certificate, String privateKey,
                           Action defaultAction, List<Rule> rules) {
        public Listener {
            rules = Immutable.list(rules);
        }

        public enum Protocol { http, https, tcp }
    }

    /** @param statusCode fixed-response only */
    public record Action(Type type, String service, Integer statusCode) {
        public enum Type {
            forward,
            @JsonProperty("fixed-response")
            fixed_response
        }
    }

    public record Rule(Integer priority, List<Condition> conditions, Action action) {
        public Rule {
            conditions = Immutable.list(conditions);
        }
    }

    public record Condition(Field field, List<String> values) {
        public Condition {
            values = Immutable.list(values);
        }

        public enum Field {
            @JsonProperty("path-pattern")
            path_pattern,
            @JsonProperty("host-header")
            host_header
        }
    }

    /** Times are seconds; {@code matcher} is an HTTP status range such as {@code 200-399}. */
    public record TargetHealthCheck(String path, Integer interval, Integer timeout, Integer healthyThreshold,
                                    Integer unhealthyThreshold, String matcher) {
    }

    public enum Algorithm { round_robin, least_outstanding_requests }
}
