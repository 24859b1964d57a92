package dev.berth.schema.canonical;

import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.LoadBalancer.Listener;
import dev.berth.schema.model.LoadBalancer.TargetHealthCheck;

import java.util.Comparator;

import static java.util.Objects.requireNonNullElse;

/**
 * Canonical load balancers. {@code host} stays null when unset: it means "the first host of the
 * cluster", which the planner resolves, and filling it here would tie the form to host order.
 */
final class LoadBalancerCanonicalizer {

    private static final Comparator<Listener> LISTENER_ORDER =
            Sorted.<Listener, Integer>by(Listener::port).thenComparing(Sorted.by(Listener::protocol));

    private static final TargetHealthCheck UNSET_HEALTH_CHECK = new TargetHealthCheck(null, null, null, null, null, null);

    private LoadBalancerCanonicalizer() {
    }

    static LoadBalancer canonicalize(LoadBalancer balancer) {
        return new LoadBalancer(balancer.cluster(), balancer.host(),
                Sorted.list(balancer.listeners(), LoadBalancerCanonicalizer::canonicalize, LISTENER_ORDER),
                canonicalize(requireNonNullElse(balancer.healthCheck(), UNSET_HEALTH_CHECK)),
                requireNonNullElse(balancer.deregistrationDelay(), Defaults.DEREGISTRATION_DELAY_SECONDS),
                requireNonNullElse(balancer.algorithm(), Defaults.ALGORITHM));
    }

    private static Listener canonicalize(Listener listener) {
        return new Listener(listener.port(), requireNonNullElse(listener.protocol(), Defaults.LISTENER_PROTOCOL));
    }

    private static TargetHealthCheck canonicalize(TargetHealthCheck check) {
        return new TargetHealthCheck(
                requireNonNullElse(check.path(), Defaults.TARGET_HEALTH_CHECK_PATH),
                requireNonNullElse(check.interval(), Defaults.TARGET_HEALTH_CHECK_INTERVAL),
                requireNonNullElse(check.timeout(), Defaults.TARGET_HEALTH_CHECK_TIMEOUT),
                requireNonNullElse(check.healthyThreshold(), Defaults.TARGET_HEALTHY_THRESHOLD),
                requireNonNullElse(check.unhealthyThreshold(), Defaults.TARGET_UNHEALTHY_THRESHOLD),
                requireNonNullElse(check.matcher(), Defaults.TARGET_HEALTH_CHECK_MATCHER));
    }
}
