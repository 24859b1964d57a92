package dev.berth.schema.canonical;

import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.LoadBalancer.Action;
import dev.berth.schema.model.LoadBalancer.Condition;
import dev.berth.schema.model.LoadBalancer.Listener;
import dev.berth.schema.model.LoadBalancer.Rule;
import dev.berth.schema.model.LoadBalancer.TargetHealthCheck;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.ServiceLoadBalancer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static java.util.Objects.requireNonNullElse;

/**
 * Canonical load balancers. {@code host} folds into {@code hosts}; empty hosts stay empty: they
 * mean "the first host of the cluster", which the planner resolves, and filling it here would tie
 * the form to host order. A listener without a default action forwards to the one service that
 * registers with the load balancer (none: a fixed 503), so every listener says where requests go.
 */
final class LoadBalancerCanonicalizer {

    private static final Comparator<Listener> LISTENER_ORDER =
            Sorted.<Listener, Integer>by(Listener::port).thenComparing(Sorted.by(Listener::protocol));
    private static final Comparator<Rule> RULE_ORDER = Sorted.by(Rule::priority);
    private static final Comparator<Condition> CONDITION_ORDER = Sorted.by(Condition::field);

    private static final TargetHealthCheck UNSET_HEALTH_CHECK = new TargetHealthCheck(null, null, null, null, null, null);
    /** What a listener answers when no service registers with its load balancer. */
    static final int NO_TARGETS_STATUS = 503;

    private LoadBalancerCanonicalizer() {
    }

    /** @param services the stack's services, for the listeners' implicit default action */
    static LoadBalancer canonicalize(String name, LoadBalancer balancer, Map<String, Service> services) {
        List<String> hosts = new ArrayList<>(balancer.hosts());
        if (balancer.host() != null && !hosts.contains(balancer.host())) {
            hosts.addFirst(balancer.host());
        }
        TreeSet<String> registered = new TreeSet<>();
        services.forEach((service, declared) -> declared.loadBalancers().stream()
                .map(ServiceLoadBalancer::loadBalancerName).filter(name::equals).findFirst()
                .ifPresent(lb -> registered.add(service)));
        Action implicit = registered.size() == 1 ? new Action(Action.Type.forward, registered.first(), null)
                : new Action(Action.Type.fixed_response, null, NO_TARGETS_STATUS);
        return new LoadBalancer(balancer.cluster(), null, hosts,
                Sorted.list(balancer.listeners(), l -> canonicalize(l, implicit), LISTENER_ORDER),
                canonicalize(requireNonNullElse(balancer.healthCheck(), UNSET_HEALTH_CHECK)),
                requireNonNullElse(balancer.deregistrationDelay(), Defaults.DEREGISTRATION_DELAY_SECONDS),
                requireNonNullElse(balancer.algorithm(), Defaults.ALGORITHM),
                requireNonNullElse(balancer.slowStart(), Defaults.SLOW_START_SECONDS));
    }

    private static Listener canonicalize(Listener listener, Action implicit) {
        return new Listener(listener.port(), requireNonNullElse(listener.protocol(), Defaults.LISTENER_PROTOCOL),
                listener.certificate(), listener.privateKey(),
                canonicalize(requireNonNullElse(listener.defaultAction(), implicit)),
                Sorted.list(listener.rules(), LoadBalancerCanonicalizer::canonicalize, RULE_ORDER));
    }

    private static Rule canonicalize(Rule rule) {
        return new Rule(rule.priority(), Sorted.list(rule.conditions(),
                c -> new Condition(c.field(), Sorted.list(c.values(), Comparator.naturalOrder())), CONDITION_ORDER),
                canonicalize(rule.action()));
    }

    private static Action canonicalize(Action action) {
        return action.type() == Action.Type.fixed_response
                ? new Action(action.type(), null, requireNonNullElse(action.statusCode(), Defaults.FIXED_RESPONSE_STATUS))
                : new Action(action.type(), action.service(), null);
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
