package dev.berth.schema.validation;

import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.LoadBalancer.Action;
import dev.berth.schema.model.LoadBalancer.Listener;
import dev.berth.schema.model.LoadBalancer.Rule;
import dev.berth.schema.model.ServiceLoadBalancer;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import java.util.List;
import java.util.TreeSet;

import static dev.berth.schema.source.SourceMap.child;

/**
 * What a listener's protocol allows (a certificate and key for https only; rules and fixed
 * responses for http and https only), unique rule priorities, and actions that forward to a
 * service registered with the load balancer; with several registered, a listener must say which
 * one gets the requests no rule takes.
 */
final class LoadBalancerListenerCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.loadBalancers().forEach((name, balancer) -> {
            String at = StackPointers.loadBalancer(name);
            if (balancer.host() != null && !balancer.hosts().isEmpty()) {
                out.error(positions.key(child(at, "hosts")), "load balancer \"" + name + "\" gives both host and "
                        + "hosts; list every host under hosts");
            }
            TreeSet<String> registered = registered(stack, name);
            for (int i = 0; i < balancer.listeners().size(); i++) {
                check(name, balancer.listeners().get(i), child(at, "listeners", i), registered, positions, out);
            }
        });
    }

    private static TreeSet<String> registered(Stack stack, String balancer) {
        TreeSet<String> services = new TreeSet<>();
        stack.services().forEach((service, declared) -> {
            if (declared.loadBalancers().stream().map(ServiceLoadBalancer::loadBalancerName).anyMatch(balancer::equals)) {
                services.add(service);
            }
        });
        return services;
    }

    private static void check(String balancer, Listener listener, String at, TreeSet<String> registered,
                              SourceMap positions, Diagnostics out) {
        String owner = "listener " + listener.port() + " of load balancer \"" + balancer + "\"";
        boolean https = listener.protocol() == Listener.Protocol.https;
        boolean tcp = listener.protocol() == Listener.Protocol.tcp;
        if (https) {
            for (String field : List.of("certificate", "privateKey")) {
                if ((field.equals("certificate") ? listener.certificate() : listener.privateKey()) == null) {
                    out.error(positions.key(at), owner + " is https and needs " + field + ": file:/path/to/pem");
                }
            }
        } else {
            if (listener.certificate() != null) {
                out.error(positions.key(child(at, "certificate")), owner + " is " + protocol(listener)
                        + ": a certificate belongs to an https listener");
            }
            if (listener.privateKey() != null) {
                out.error(positions.key(child(at, "privateKey")), owner + " is " + protocol(listener)
                        + ": a private key belongs to an https listener");
            }
        }
        if (tcp && !listener.rules().isEmpty()) {
            out.error(positions.key(child(at, "rules")), owner + " is tcp: rules match HTTP paths and hosts, "
                    + "so they need an http or https listener");
        }
        if (listener.defaultAction() == null) {
            if (registered.size() > 1) {
                out.error(positions.key(at), owner + " needs a defaultAction: services " + String.join(", ", registered)
                        + " all register with the load balancer, so berth cannot tell which gets the requests no "
                        + "rule takes");
            }
        } else {
            action("the defaultAction of " + owner, listener.defaultAction(), tcp, registered, balancer,
                    child(at, "defaultAction"), positions, out);
        }
        Duplicates.report(listener.rules(), Rule::priority, i -> child(at, "rules", i, "priority"), positions,
                (priority, line) -> owner + " has two rules of priority " + priority + " (the first on line " + line
                        + "); priorities decide the order rules are tried in, so they must differ", out);
        for (int i = 0; i < listener.rules().size(); i++) {
            Rule rule = listener.rules().get(i);
            action("rule " + rule.priority() + " of " + owner, rule.action(), tcp, registered, balancer,
                    child(at, "rules", i, "action"), positions, out);
        }
    }

    private static void action(String owner, Action action, boolean tcp, TreeSet<String> registered, String balancer,
                               String at, SourceMap positions, Diagnostics out) {
        if (action.type() == Action.Type.fixed_response) {
            if (tcp) {
                out.error(positions.value(child(at, "type")), owner + " is a fixed-response, an HTTP answer a tcp "
                        + "listener cannot give");
            }
            if (action.service() != null) {
                out.error(positions.key(child(at, "service")), owner + " is a fixed-response: it forwards to no service");
            }
            return;
        }
        if (action.statusCode() != null) {
            out.error(positions.key(child(at, "statusCode")), owner + " forwards: a statusCode belongs to a "
                    + "fixed-response");
        }
        if (action.service() == null) {
            out.error(positions.key(at), owner + " forwards, and needs the service to forward to");
            return;
        }
        if (!registered.contains(action.service())) {
            String those = registered.isEmpty() ? "no service does" : "those that do: " + String.join(", ", registered);
            String hint = DidYouMean.suggest(action.service(), registered, out).map(s -> ". Did you mean \"" + s + "\"?")
                    .orElse("");
            out.error(positions.value(child(at, "service")), owner + " forwards to service \"" + action.service()
                    + "\", which does not register with load balancer \"" + balancer + "\" (its loadBalancers); "
                    + those + hint);
        }
    }

    private static String protocol(Listener listener) {
        return listener.protocol() == null ? "http" : listener.protocol().name();
    }
}
