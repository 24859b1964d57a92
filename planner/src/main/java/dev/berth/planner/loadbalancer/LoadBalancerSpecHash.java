package dev.berth.planner.loadbalancer;

import dev.berth.planner.Sha256;
import dev.berth.planner.plan.LoadBalancerDetail;
import dev.berth.schema.canonical.CanonicalJson;
import dev.berth.schema.model.LoadBalancer;
import java.util.List;

/**
 * The content hash of a load balancer's configuration: its canonical spec and the services behind
 * it ({@code sha256:<hex>}, the form task definitions use). Its containers are labelled with it;
 * another hash means they are recreated. Targets are not part of it: they change at runtime.
 */
public final class LoadBalancerSpecHash {
    private LoadBalancerSpecHash() {
    }

    /** @param discovery a proxy's names, which it must answer to as well; null for a load balancer */
    public static String of(LoadBalancer canonical, List<LoadBalancerDetail.Backend> backends,
                            LoadBalancerDetail.Discovery discovery) {
        return "sha256:" + Sha256.hex(CanonicalJson.write(discovery == null ? List.of(canonical, backends)
                : List.of(canonical, backends, discovery)));
    }
}
