package dev.berth.applier.apply;

import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.planner.loadbalancer.LoadBalancerImage;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.LoadBalancerDetail;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.ServiceDetail;
import dev.berth.schema.model.ContainerDefinition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every image of every task the plan starts, on the host that starts it, and the load balancers'
 * image where one is created, before anything stops: an image that cannot be pulled fails the
 * apply with nothing touched.
 */
final class ImageCheckStep implements ApplyStep {
    @Override
    public boolean run(Execution execution) {
        Map<Address, Map<ClusterHost, Set<String>>> byService = new LinkedHashMap<>();
        for (PlannedChange change : execution.changes(Address.Kind.service, a -> a != Action.delete)) {
            ServiceDetail detail = change.service();
            Set<String> images = detail.launch().definition().containerDefinitions().stream()
                    .map(ContainerDefinition::image).collect(Collectors.toCollection(TreeSet::new));
            Map<String, ClusterHost> hosts = execution.hosts().of(detail.cluster());
            detail.placement().starts().forEach(start -> byService.computeIfAbsent(change.address(),
                    a -> new LinkedHashMap<>()).computeIfAbsent(hosts.get(start.host()), h -> new TreeSet<>())
                    .addAll(images));
        }
        for (PlannedChange change : execution.changes(Address.Kind.loadBalancer, a -> a != Action.delete)) {
            LoadBalancerDetail detail = (LoadBalancerDetail) change.detail();
            Stream.concat(detail.create().stream(), detail.recreate().stream()).forEach(host -> byService
                    .computeIfAbsent(change.address(), a -> new LinkedHashMap<>())
                    .computeIfAbsent(execution.hosts().of(host), h -> new TreeSet<>()).add(LoadBalancerImage.NAME));
        }
        // Services mostly share images: each image is checked once per host, not once per service.
        Map<List<Object>, Optional<String>> checked = new HashMap<>();
        boolean ok = true;
        for (var service : byService.entrySet()) {
            for (var host : service.getValue().entrySet()) {
                List<String> failures = host.getValue().stream()
                        .map(image -> checked.computeIfAbsent(List.of(host.getKey(), image),
                                k -> ensure(execution, host.getKey(), image)))
                        .flatMap(Optional::stream).toList();
                if (!failures.isEmpty()) {
                    execution.record(execution.fail(service.getKey(), "image preflight on " + host.getKey().name()
                            + " failed: " + String.join("; ", failures) + "; nothing was changed"));
                    ok = false;
                }
            }
        }
        return ok;
    }

    /** Why the image is not on the host and could not be pulled; empty when it is there now. */
    private static Optional<String> ensure(Execution execution, ClusterHost host, String image) {
        try {
            execution.parts().images().ensure(host, Set.of(image));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(EngineFailures.describe(e));
        }
    }
}
