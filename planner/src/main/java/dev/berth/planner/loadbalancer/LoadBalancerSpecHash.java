package dev.berth.planner.loadbalancer;

import dev.berth.planner.Sha256;
import dev.berth.schema.canonical.CanonicalJson;
import dev.berth.schema.model.LoadBalancer;

/**
 * The content hash of a canonical load balancer, in the form task definitions use
 * ({@code sha256:<hex>} of its canonical JSON). The applier labels the container with it; a
 * different hash means the container must be replaced.
 */
public final class LoadBalancerSpecHash {
    private LoadBalancerSpecHash() {
    }

    public static String of(LoadBalancer canonical) {
        return "sha256:" + Sha256.hex(CanonicalJson.write(canonical));
    }
}
