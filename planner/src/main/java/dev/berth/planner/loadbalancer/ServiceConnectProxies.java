package dev.berth.planner.loadbalancer;

import dev.berth.planner.plan.LoadBalancerDetail;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.LoadBalancer.Listener;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.ServiceConnectConfiguration;
import dev.berth.schema.model.ServiceConnectConfiguration.ClientAlias;
import dev.berth.schema.model.ServiceConnectConfiguration.ServiceConnectService;
import dev.berth.schema.model.ServiceLoadBalancer;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Service Connect as berth runs it: each port a service offers in a namespace gets a proxy named
 * {@code <discoveryName>.<namespace>}, a load balancer with one copy on every host of the cluster,
 * which joins the namespace's network there under the discovery name, {@code name.namespace}
 * and the client aliases, so a task on any host reaches it by those names and is balanced over
 * the service's healthy tasks on all hosts. It is a load balancer in every other respect (tcp
 * listeners on the alias ports, targets that join once healthy and drain before their task
 * stops), so plan, apply, drift and status treat it as one. Its name has a dot, which a declared
 * load balancer's never has.
 */
public final class ServiceConnectProxies {
    /** Connect checks: a task that stops accepting leaves within 2 s, a new one joins after 1. */
    private static final LoadBalancer.TargetHealthCheck CHECK =
            new LoadBalancer.TargetHealthCheck("/", 1, 1, 1, 2, "200-399");
    /** Long enough for requests in flight; a proxy's clients are the stack's own tasks. */
    private static final int DEREGISTRATION_DELAY_SECONDS = 5;

    private ServiceConnectProxies() {
    }

    /**
     * One proxy of a service's port.
     *
     * @param registration what the service's tasks register with it
     * @param aliases      the names it answers to in the namespace
     */
    public record Proxy(String service, String namespace, LoadBalancer spec, ServiceLoadBalancer registration,
                        List<String> aliases) {
        /** The one service behind it. */
        public LoadBalancerDetail.Backend backend() {
            return new LoadBalancerDetail.Backend(service, registration.containerName(), registration.containerPort());
        }
    }

    /** Every proxy of the stack, by name. */
    public static Map<String, Proxy> of(Stack stack) {
        Map<String, Proxy> proxies = new TreeMap<>();
        new TreeMap<>(stack.services()).forEach((name, service) -> of(stack, name, service)
                .forEach(p -> proxies.put(p.registration().loadBalancerName(), p)));
        return proxies;
    }

    /** The declared load balancers and the proxies, by name: everything that runs HAProxy. */
    public static Map<String, LoadBalancer> withDeclared(Stack stack) {
        Map<String, LoadBalancer> all = new TreeMap<>(stack.loadBalancers());
        of(stack).forEach((name, proxy) -> all.put(name, proxy.spec()));
        return all;
    }

    /** Whether a load balancer of that name is a proxy: only theirs have a dot. */
    public static boolean isProxy(String loadBalancer) {
        return loadBalancer.indexOf('.') > 0;
    }

    /** The namespace of a proxy, from its name. */
    public static String namespaceOf(String proxy) {
        return proxy.substring(proxy.indexOf('.') + 1);
    }

    /** Whether the service's names belong to its proxies rather than to its tasks. */
    public static boolean enabled(Service service) {
        ServiceConnectConfiguration connect = service.serviceConnectConfiguration();
        return connect != null && Boolean.TRUE.equals(connect.enabled()) && connect.namespace() != null;
    }

    /** The proxies of the service's ports, in the order it offers them. */
    public static List<Proxy> of(Stack stack, String name, Service service) {
        if (!enabled(service)) {
            return List.of();
        }
        ServiceConnectConfiguration connect = service.serviceConnectConfiguration();
        TaskDefinition definition = stack.taskDefinitions().get(service.taskDefinitionFamily());
        List<Proxy> proxies = new ArrayList<>();
        boolean first = true;
        for (ServiceConnectService offered : connect.services()) {
            Optional<Map.Entry<ContainerDefinition, PortMapping>> port = definition == null ? Optional.empty()
                    : definition.namedPort(offered.portName());
            if (port.isEmpty() || port.get().getValue().containerPort() == null) {
                continue;
            }
            String proxy = offered.discoveryName() + "." + connect.namespace();
            Set<String> aliases = new LinkedHashSet<>(List.of(offered.discoveryName(), proxy));
            if (first) {
                // The names a service in a namespace answers to without Service Connect stay its own.
                aliases.add(name);
                aliases.add(name + "." + connect.namespace());
            }
            offered.clientAliases().stream().map(ClientAlias::dnsName).forEach(aliases::add);
            Set<Integer> ports = new TreeSet<>();
            offered.clientAliases().forEach(a -> ports.add(a.port()));
            List<Listener> listeners = ports.stream().map(p -> new Listener(p, Listener.Protocol.tcp, null, null,
                    new LoadBalancer.Action(LoadBalancer.Action.Type.forward, name, null), List.of())).toList();
            LoadBalancer spec = new LoadBalancer(service.cluster(), null, hostNames(stack, service.cluster()),
                    listeners, CHECK, DEREGISTRATION_DELAY_SECONDS, LoadBalancer.Algorithm.round_robin, 0);
            proxies.add(new Proxy(name, connect.namespace(), spec,
                    new ServiceLoadBalancer(proxy, port.get().getKey().name(), port.get().getValue().containerPort()),
                    List.copyOf(aliases)));
            first = false;
        }
        return proxies;
    }

    private static List<String> hostNames(Stack stack, String cluster) {
        Cluster declared = stack.clusters().get(cluster);
        return declared == null ? List.of() : declared.hosts().stream().map(Host::name).toList();
    }
}
