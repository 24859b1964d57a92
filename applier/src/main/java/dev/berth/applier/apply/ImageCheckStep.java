package dev.berth.applier.apply;

import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.applier.task.ImagePreflight.Wanted;
import dev.berth.planner.loadbalancer.LoadBalancerImage;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.LoadBalancerDetail;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.ServiceDetail;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every image of every task the plan starts, on the host that starts it, and the load balancers'
 * image where one is created, before anything stops: an image that cannot be pulled fails the
 * apply with nothing touched.
 */
final class ImageCheckStep implements ApplyStep {
    @Override
    public boolean run(Execution execution) {
        Map<Address, Map<ClusterHost, Set<Wanted>>> byService = new LinkedHashMap<>();
        for (PlannedChange change : execution.changes(Address.Kind.service, a -> a != Action.delete)) {
            ServiceDetail detail = change.service();
            List<Wanted> images = detail.launch().definition().containerDefinitions().stream()
                    .map(c -> new Wanted(c.image(), c.name(), c.repositoryCredentials())).toList();
            Map<String, ClusterHost> hosts = execution.hosts().of(detail.cluster());
            detail.placement().starts().forEach(start -> byService.computeIfAbsent(change.address(),
                    a -> new LinkedHashMap<>()).computeIfAbsent(hosts.get(start.host()), h -> new LinkedHashSet<>())
                    .addAll(images));
        }
        for (PlannedChange change : execution.changes(Address.Kind.loadBalancer, a -> a != Action.delete)) {
            LoadBalancerDetail detail = (LoadBalancerDetail) change.detail();
            Stream.concat(detail.create().stream(), detail.recreate().stream()).forEach(host -> byService
                    .computeIfAbsent(change.address(), a -> new LinkedHashMap<>())
                    .computeIfAbsent(execution.hosts().of(host), h -> new LinkedHashSet<>())
                    .add(Wanted.image(LoadBalancerImage.NAME)));
        }
        // Services mostly share images: each image is checked once per host and login, not once per service.
        Map<List<Object>, Optional<String>> checked = new HashMap<>();
        boolean ok = true;
        for (var service : byService.entrySet()) {
            for (var host : service.getValue().entrySet()) {
                List<String> failures = host.getValue().stream()
                        .map(wanted -> checked.computeIfAbsent(Arrays.asList(host.getKey(), wanted.image(),
                                wanted.credentials()), k -> ensure(execution, host.getKey(), wanted)))
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
    private static Optional<String> ensure(Execution execution, ClusterHost host, Wanted image) {
        try {
            execution.parts().images().ensure(host, List.of(image));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(EngineFailures.describe(e));
        }
    }
}
